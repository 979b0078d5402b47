import Foundation
import GPTModel
import TensorCore
import Testing
@testable import Training

/// The hand-written backward pass against PyTorch autograd (Tests/Scripts/grad_reference.py):
/// same tiny model, same batch, the loss and every parameter's gradient.
struct GradientReferenceTests {
    struct Batch: Decodable {
        var inputs: [[Int]]
        var targets: [[Int]]
        var loss: Double
    }

    static func fixture(_ name: String) throws -> URL {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return root.appendingPathComponent(name)
    }

    @Test("Loss and every parameter gradient match PyTorch autograd (GPT-2 pre-LN, also with its attention-scaling options, 128-token windows and an untied head; GPT-1 post-LN)",
          arguments: ["grad-gpt2-tiny", "grad-gpt1-tiny", "grad-gpt2-scaled", "grad-gpt2-long", "grad-gpt2-untied"])
    func matchesPyTorch(name: String) throws {
        let folder = try Self.fixture(name)
        let model = try GPT.load(directory: folder)
        let batch = try JSONDecoder().decode(Batch.self, from: Data(contentsOf: folder.appendingPathComponent("batch.json")))
        let positions = batch.inputs.count * batch.inputs[0].count
        let windows = zip(batch.inputs, batch.targets).map { $0 + [$1.last!] }
        // The fixture's targets are the inputs shifted by one, so a window of T + 1 tokens carries both.
        for (input, target) in zip(batch.inputs, batch.targets) { #expect(Array(input.dropFirst()) == Array(target.dropLast())) }
        let (lossSum, gradients) = Trainer.lossAndGradients(of: model, windows: windows, lossScale: 1 / Float(positions))
        #expect(abs(lossSum / Double(positions) - batch.loss) < 1e-5 * batch.loss)

        let reference = try SafetensorsFile(contentsOf: folder.appendingPathComponent("gradients.safetensors"))
        let parameters = model.parameters
        #expect(Set(parameters.map(\.name)) == Set(reference.names))
        for parameter in parameters {
            let (name, gradient) = (parameter.name, parameter.tensor(in: gradients))
            let expected = try reference.tensor(named: name)
            let scale = expected.scalars.map(abs).max() ?? 0
            let error = gradient.maxAbsoluteDifference(to: expected)
            #expect(scale > 0, "\(name): reference gradient is all zero")
            #expect(error <= 1e-4 * scale, "\(name): max |Δ| \(error) vs max |g| \(scale)")
        }
    }
}
