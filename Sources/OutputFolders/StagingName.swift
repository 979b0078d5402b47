import Foundation

/// Names of the hidden folders a writer keeps beside (or inside) its destination, with the
/// writer's process id in them, so a later run can tell an abandoned one (its process is gone)
/// from one a live run is still filling.
///
/// `.NAME.partial-<pid>-<uuid>` collects a new folder, `.NAME.old-<pid>-<uuid>` holds the
/// replaced one for a moment; `<prefix><pid>` is for writers that stage inside a folder.
public enum StagingName {
    /// `.NAME.partial-<pid>-<uuid>` for a new folder named `name`.
    static func partial(_ name: String) -> String {
        ".\(name).partial-\(getpid())-\(UUID().uuidString)"
    }

    /// `.NAME.old-<pid>-<uuid>` for the folder being replaced.
    static func old(_ name: String) -> String {
        ".\(name).old-\(getpid())-\(UUID().uuidString)"
    }

    /// Whether process `pid` has ended (no such process; one owned by another user still counts as alive).
    public static func isDead(_ pid: pid_t) -> Bool {
        pid > 0 && kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Removes the staging folders in `parent` that belong to `name` and to a process that has
    /// ended. Staging folders of live runs are left alone. Folders named by earlier versions
    /// (no process id, `.NAME.partial-<uuid>`) are removed once untouched for an hour.
    static func removeAbandoned(besideFolderNamed name: String, in parent: URL) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries {
            guard let rest = [".\(name).partial-", ".\(name).old-"].lazy
                .compactMap({ entry.hasPrefix($0) ? String(entry.dropFirst($0.count)) : nil }).first else { continue }
            let groups = rest.split(separator: "-")
            let abandoned: Bool
            if groups.count == 5, UUID(uuidString: rest) != nil {
                let modified = (try? fm.attributesOfItem(atPath: parent.appendingPathComponent(entry).path))?[.modificationDate] as? Date
                abandoned = modified.map { Date().timeIntervalSince($0) > 3600 } ?? false
            } else if let first = groups.first, let pid = pid_t(first) {
                abandoned = isDead(pid)
            } else {
                abandoned = false
            }
            if abandoned { try? fm.removeItem(at: parent.appendingPathComponent(entry)) }
        }
    }

    /// Removes the entries of `folder` named `prefix<pid>…` whose process has ended (for writers
    /// that stage inside the folder they update, like a training checkpoint's `.staging-<pid>`).
    public static func removeAbandoned(prefix: String, in folder: URL) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: folder.path) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let digits = entry.dropFirst(prefix.count).prefix { $0.isNumber }
            if let pid = pid_t(digits), isDead(pid) { try? fm.removeItem(at: folder.appendingPathComponent(entry)) }
        }
    }
}
