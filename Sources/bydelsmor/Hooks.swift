import BydelsmorCore
import Foundation

/// The user's hooks, as git has them: an executable `post-write` in
/// `$XDG_CONFIG_HOME/bydelsmor/hooks/` (else `~/.config/bydelsmor/hooks/`) runs after every change is
/// written and fsynced — from the command line, the full-screen program and an import alike — with
/// the journal's path as its argument and `BYDELSMOR_JOURNAL`, `BYDELSMOR_LINES` (how many lines were
/// written) in its environment. It runs in the background with its output to /dev/null, so a slow
/// sync or a git commit never holds up the next key; what it does is its own business.
enum Hooks {
    static func directory(_ env: [String: String]) -> String {
        if let x = env["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/bydelsmor/hooks" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/bydelsmor/hooks"
    }

    /// The `post-write` hook, if there is an executable one.
    static var postWritePath: String? {
        let p = directory(ProcessInfo.processInfo.environment) + "/post-write"
        return access(p, X_OK) == 0 ? p : nil
    }

    @Sendable static func postWrite(journal: String, lines: [JournalEntry]) {
        guard let hook = postWritePath else { return }
        // `sh -c 'hook "$1" &'`: the shell starts the hook in the background and ends at once, so
        // nothing is left to wait for (the hook is the system's child, not ours).
        var env = ProcessInfo.processInfo.environment
        env["BYDELSMOR_JOURNAL"] = journal
        env["BYDELSMOR_LINES"] = String(lines.count)
        let args = ["/bin/sh", "-c", "\"$0\" \"$1\" </dev/null >/dev/null 2>&1 &", hook, journal]
        var pid: pid_t = 0
        var cargs = args.map { strdup($0) } + [nil]
        var cenv = env.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { cargs.forEach { free($0) }; cenv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of ours goes with it: not the journal's lock, not a pipe someone reads to its end
        // (this process execs nothing else, so marking its own descriptors close-on-exec is harmless).
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            guard let fd = Int32(name), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, &cargs, &cenv) == 0 else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
