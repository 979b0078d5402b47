import Foundation
import GPTModel
import Testing

/// config.json decoding and validation on mutated files of every supported family: each case
/// gives a configuration that validates, or throws; nothing traps or hangs.
@Suite struct ConfigurationFuzzTests {
    @Test func mutatedConfigsDecodeOrThrow() throws {
        let seeds = try FuzzSeeds.configs()
        // Every family decodes from its seed, so mutations start from real configurations.
        for seed in seeds {
            try GPTConfiguration.decode(Data(seed), name: "seed", path: "config.json").validate()
        }
        let outcome = Fuzzer("config.json").run(seeds: seeds) { bytes in
            let configuration = try GPTConfiguration.decode(Data(bytes), name: "fuzz", path: "config.json")
            try configuration.validate()
        }
        print(outcome)
        #expect(outcome.values > 0 && outcome.errors > 0)
    }
}
