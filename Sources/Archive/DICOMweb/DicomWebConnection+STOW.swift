// STOW-RS (PS3.18 10.5): files sent as multipart/related batches (each at most
// maximumBatchBytes, streamed from a body file), each file then marked ok or failed from the
// response's ReferencedSOPSequence (0008,1199) and FailedSOPSequence (0008,1198) with its
// FailureReason (0008,1197). A file we cannot read is failed here and never sent.
import DICOM
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MammoCore

extension DicomWebConnection {
    public func send(files: [String], progress: @escaping @Sendable (RetrieveProgress) -> Void,
                     cancel: CancellationFlag) throws(ArchiveError) -> TransferCounts {
        var counts = TransferCounts()
        func report(_ sop: String) {
            progress(RetrieveProgress(completed: counts.completed, failed: counts.failed,
                                      remaining: files.count - counts.completed - counts.failed, sopInstanceUID: sop))
        }
        func fail(_ label: String, _ reason: String) {
            counts.failed += 1
            counts.failures.append("\(PrintableText.clean(label)): \(PrintableText.clean(reason))")
            report("")
        }

        // Read every header first: unreadable files fail now, the rest are batched by size.
        var batches: [[OutgoingFile]] = []
        var batch: [OutgoingFile] = []
        var batchBytes: Int64 = 0
        for path in files {
            let header: DicomHeader
            do { header = try DicomHeaderReader.read(path: path) } catch {
                fail(path, "not sent: \(error.reason)")
                continue
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            if !batch.isEmpty, batchBytes + size > maximumBatchBytes {
                batches.append(batch)
                batch = []
                batchBytes = 0
            }
            batch.append(OutgoingFile(path: path, sopInstanceUID: header.sopInstanceUID, bytes: size))
            batchBytes += size
        }
        if !batch.isEmpty { batches.append(batch) }

        for batch in batches {
            if cancel.isCancelled { throw node.error("STOW-RS", "cancelled") }
            let outcome = try post(batch, cancel: cancel)
            for (file, failure) in zip(batch, outcome) {
                if let failure {
                    fail(file.sopInstanceUID, failure)
                } else {
                    counts.completed += 1
                    counts.bytes += file.bytes
                    report(file.sopInstanceUID)
                }
            }
        }
        return counts
    }

    /// POSTs one batch; for each file, nil when the archive stored it, or why not.
    private func post(_ batch: [OutgoingFile], cancel: CancellationFlag) throws(ArchiveError) -> [String?] {
        let writer = MultipartWriter()
        let bodyFile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(".stow-\(UUID().uuidString).body")
        defer { try? FileManager.default.removeItem(at: bodyFile) }
        let written: [String?]
        do { written = try writer.write(files: batch.map(\.path), to: bodyFile) } catch {
            throw node.error("STOW-RS", error.description)
        }
        var outcome = written
        let sent = zip(batch, written).filter { $0.1 == nil }.map(\.0)
        guard !sent.isEmpty else { return outcome }

        var request = try self.request("STOW-RS", ["studies"], accept: "application/dicom+json", method: "POST")
        request.setValue(writer.contentType, forHTTPHeaderField: "Content-Type")
        let http = HTTPTransfer(node: node, operation: "STOW-RS")
        let (head, body) = try http.collect(request, body: .file(bodyFile), limit: 32 << 20, cancel: cancel)
        let answer = try? DicomJSONDataset.parseObject(body)
        // 200 all stored, 202 some failed, 409 none stored (PS3.18 10.5.3); Orthanc answers 400 with the sequences too.
        guard (200..<300).contains(head.status) || answer != nil else {
            throw http.statusError(head, body: body, url: request.url, hint: Self.hint(status: head.status))
        }
        var stored = Set<String>()
        var failures: [String: String] = [:]
        if let answer {
            for item in answer.sequence("00081199") { stored.insert(item.string("00081155")) }
            for item in answer.sequence("00081198") {
                failures[item.string("00081155")] = Self.failureReason(item.int("00081197"))
            }
        }
        for index in outcome.indices where outcome[index] == nil {
            let sop = batch[index].sopInstanceUID
            if let reason = failures[sop] {
                outcome[index] = reason
            } else if stored.contains(sop) {
                outcome[index] = nil
            } else if (200..<300).contains(head.status) && answer == nil && head.status != 202 {
                outcome[index] = nil  // a 200 without a usable body: all stored
            } else {
                outcome[index] = "not stored (HTTP \(head.status), not in the archive's answer)"
            }
        }
        return outcome
    }

    /// FailureReason (0008,1197) in words (PS3.18 Table I.2-1 and PS3.4 C-STORE statuses).
    static func failureReason(_ code: Int?) -> String {
        guard let code else { return "refused by the archive (no reason given)" }
        let hex = String(format: "0x%04X", code)
        switch code {
        case 0xC122: return "refused: transfer syntax not supported (\(hex))"
        case 0xA700...0xA7FF: return "refused: out of resources (\(hex))"
        case 0xA900...0xA9FF: return "refused: data set does not match SOP class (\(hex))"
        case 0xC000...0xCFFF: return "refused: cannot understand (\(hex))"
        case 0x0110: return "refused: processing failure (\(hex))"
        case 0x0111: return "refused: duplicate SOP instance (\(hex))"
        case 0x0112: return "refused: no such object instance (\(hex))"
        case 0x0119: return "refused: class-instance conflict (\(hex))"
        case 0x0122: return "refused: SOP class not supported (\(hex))"
        case 0x0124: return "refused: not authorized (\(hex))"
        default: return "refused (\(hex))"
        }
    }
}

/// A file that passed the local header read, waiting for its batch.
private struct OutgoingFile {
    var path: String
    var sopInstanceUID: String
    var bytes: Int64
}
