import Foundation

/// The reading half of a long replay, on a second core: reads the journal's bytes `[from, limit)`
/// in batches that end at a line's end, hashes them (the snapshot's proof), and parses and decodes
/// the first `share` of each batch's lines. The store, on its own thread, takes the batches in
/// order, decodes the rest of each batch itself and applies every line, so the state is the same as
/// a replay of one line after the other (tested).
///
/// The share balances itself: when the store had to wait for a batch, the reader is the slower
/// half and decodes less of the next; when the reader had to wait for a free buffer, it decodes
/// more. Only `depth` buffers exist, so memory stays the size of a few batches, not of the file.
final class ReplayPipeline: @unchecked Sendable {
    /// One buffer of whole lines. `split`: the lines before it were decoded by the reader (`decoded`);
    /// the lines from it to `count` are for the store to decode.
    final class Batch {
        fileprivate(set) var bytes: UnsafeMutablePointer<UInt8>
        fileprivate(set) var capacity: Int
        /// Bytes in the buffer; the batch's lines are `[0, complete)`, the rest is carried over.
        fileprivate(set) var count = 0
        fileprivate(set) var complete = 0
        fileprivate(set) var split = 0
        fileprivate(set) var decoded: [Store.DecodedLine] = []

        init(capacity: Int) {
            self.capacity = capacity
            bytes = .allocate(capacity: capacity)
        }
        deinit { bytes.deallocate() }

        fileprivate func reserve(_ n: Int) {
            guard n > capacity else { return }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
            grown.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = grown; capacity = n
        }

        /// The batch's complete lines.
        var lines: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: complete) }
    }

    private let file: JournalFile
    private let limit: Int
    private let batchSize: Int
    private let cond = NSCondition()
    private var ready: [Batch] = []
    private var spare: [Batch]
    private var finished = false
    private var cancelled = false
    private var share = 0.5
    /// Tests fix the share (0: the store decodes everything; 1: the reader does).
    private let fixedShare: Bool
    private let group = DispatchGroup()
    private var position: Int
    /// The hash of `[0, position reached)`, once the reader has finished.
    private(set) var hash: StreamHash
    /// Why reading stopped early, if it did.
    private(set) var error: StoreError?

    init(file: JournalFile, from: Int, limit: Int, hash: StreamHash, batchSize: Int = 1 << 20, depth: Int = 3, share: Double? = nil) {
        self.file = file; self.limit = limit; self.batchSize = batchSize; self.hash = hash; position = from
        fixedShare = share != nil
        if let share { self.share = share }
        spare = (0..<depth).map { _ in Batch(capacity: batchSize + 4096) }
    }

    func start() {
        DispatchQueue.global(qos: .userInitiated).async(group: group) { self.readAll() }
    }

    /// The next batch in file order; nil when every batch was handed out (then `error` says whether
    /// reading stopped early). Give it back with `recycle` once applied.
    func next() -> Batch? {
        cond.lock(); defer { cond.unlock() }
        var waited = false
        while ready.isEmpty && !finished { waited = true; cond.wait() }
        guard !ready.isEmpty else { return nil }
        if waited && !fixedShare { share = max(0, share - 0.05) }
        return ready.removeFirst()
    }

    func recycle(_ b: Batch) {
        cond.lock(); spare.append(b); cond.signal(); cond.unlock()
    }

    /// Stops the reader (a bad line was met) and waits until it has.
    func cancel() {
        cond.lock(); cancelled = true; cond.broadcast(); cond.unlock()
        group.wait()
    }

    /// Waits until the reader has ended; `hash` and `error` are final then.
    func finish() { group.wait() }

    private func readAll() {
        // The start of a line the previous batch ended in: it goes first in the next batch.
        var carry: [UInt8] = []
        while position < limit {
            cond.lock()
            var waited = false
            while spare.isEmpty && !cancelled { waited = true; cond.wait() }
            if cancelled { cond.unlock(); break }
            if waited && !fixedShare { share = min(1, share + 0.05) }
            let b = spare.removeLast()
            let decodeShare = share
            cond.unlock()

            let want = min(batchSize, limit - position)
            b.count = 0
            b.reserve(carry.count + want)
            carry.withUnsafeBufferPointer { c in
                if let base = c.baseAddress { b.bytes.update(from: base, count: c.count) }
            }
            b.count = carry.count
            carry.removeAll(keepingCapacity: true)
            let n: Int
            do throws(StoreError) { n = try file.read(from: position, count: want, into: b.bytes + b.count) }
            catch { self.error = error; recycle(b); break }
            // The file shrank under us (cut by hand while it was read): what was read whole is
            // applied, and the store's next look at the file notices it is shorter.
            if n == 0 { recycle(b); break }
            position += n
            b.count += n
            var end = b.count
            while end > 0 && b.bytes[end - 1] != 10 { end -= 1 }
            carry.append(contentsOf: UnsafeBufferPointer(start: b.bytes + end, count: b.count - end))
            if end == 0 { recycle(b); continue }   // a line longer than a batch: read on
            b.complete = end
            hash.update(UnsafeRawBufferPointer(start: b.bytes, count: end))
            var split = 0
            if decodeShare > 0 {
                split = min(end - 1, Int(Double(end) * decodeShare))
                while b.bytes[split] != 10 { split += 1 }
                split += 1
            }
            b.split = split
            Store.decodeAll(UnsafeBufferPointer(start: b.bytes, count: split), into: &b.decoded)
            cond.lock(); ready.append(b); cond.signal(); cond.unlock()
        }
        cond.lock(); finished = true; cond.broadcast(); cond.unlock()
    }
}
