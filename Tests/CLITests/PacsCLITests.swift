// `mammoterm pacs ...` end to end with the built binary against a real Orthanc on loopback:
// echo (and its faults), query over C-FIND and QIDO-RS with the --json contract, retrieve by
// C-GET, C-MOVE and WADO-RS with priors and resume, listen (a Storage SCP fed by DCMTK's
// storescu, refusing a non-image), and send (C-STORE and STOW-RS). Our own listeners run with
// the loopback shim preloaded, so every socket of the test stays on 127.0.0.1.
import ArchiveTestSupport
import Foundation
import Store
import Testing
import TerminalTestSupport

@Suite(.serialized) struct PacsCLITests {
    let cli: ImportWorklistTests
    var work: URL { cli.work }
    var library: String { cli.library }

    init() throws { cli = try ImportWorklistTests() }

    /// The samples' SYN-0003: a current study with a prior two years older.
    static let current = "2.25.49075449571210675440907836909410048353"
    static let prior = "2.25.227751434187633542100099466934568711445"

    /// A started Orthanc holding the samples, and a config naming it "orthanc" (nil: Orthanc is not installed, the test notes the skip).
    func withArchive(storagePort: Int? = nil, loaded: Bool = true, _ body: (OrthancServer, String) throws -> Void) throws {
        defer { cli.cleanUp() }
        let server: OrthancServer
        do {
            server = try OrthancServer.start(modalities: storagePort.map { ["MAMMOTERM": $0] } ?? [:])
        } catch let unavailable as OrthancServer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        defer { server.stop() }
        if loaded { try server.upload(ArchiveTestData.samples) }
        let config = try writeConfig(server: server, storagePort: storagePort)
        do { try body(server, config) } catch {
            Issue.record("\(error)\nOrthanc log:\n\(String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: server.logPath))) ?? Data(), as: UTF8.self).suffix(2000))")
        }
    }

    func writeConfig(server: OrthancServer, storagePort: Int? = nil, aet: String? = nil, port: Int? = nil, host: String = "127.0.0.1",
                     name: String = "config.toml") throws -> String {
        var text = """
            [[pacs]]
            name = "orthanc"
            host = "\(host)"
            port = \(port ?? server.dicomPort)
            aet = "\(aet ?? server.aet)"
            dicomweb = "\(server.dicomwebURL.absoluteString)"
            connect_timeout = 3
            timeout = 5

            """
        if let storagePort { text += "storage_port = \(storagePort)\n" }
        let path = work.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func pacs(_ arguments: [String], config: String, environment: [String: String] = [:]) throws -> ImportWorklistTests.Output {
        try cli.run(["pacs"] + arguments + ["--config", config, "--library", library], environment: environment)
    }

    // MARK: - echo and its faults

    @Test func echoAnswersAndEachFaultIsOneClearLine() throws {
        try withArchive(loaded: false) { server, config in
            let ok = try pacs(["echo", "orthanc"], config: config)
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(ok.stdout.contains("orthanc: C-ECHO (ORTHANC at 127.0.0.1:\(server.dicomPort)) answered"))
            let web = try pacs(["echo", "orthanc", "--via", "dicomweb"], config: config)
            #expect(web.status == 0, "\(web.stderr)")

            let wrongAET = try pacs(["echo", "orthanc"], config: try writeConfig(server: server, aet: "NOTORTHANC", name: "wrong-aet.toml"))
            #expect(wrongAET.status == 1)
            #expect(wrongAET.stderr.hasPrefix("mammoterm: orthanc: C-ECHO failed: "), "\(wrongAET.stderr)")
            #expect(wrongAET.stderr.lowercased().contains("called ae title"), "\(wrongAET.stderr)")

            let refused = try pacs(["echo", "orthanc"], config: try writeConfig(server: server, port: try FreePort.next(), name: "refused.toml"))
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("orthanc: C-ECHO failed:") && refused.stderr.lowercased().contains("refused"), "\(refused.stderr)")

            let unknown = try pacs(["echo", "orthanc"], config: try writeConfig(server: server, host: "no-such-host.invalid", name: "unknown.toml"))
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("orthanc: C-ECHO failed:") && unknown.stderr.contains("no-such-host.invalid"), "\(unknown.stderr)")

            for result in [wrongAET, refused, unknown] {
                #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
            }
            let noSuchNode = try pacs(["echo", "elsewhere"], config: config)
            #expect(noSuchNode.status == 2)
            #expect(noSuchNode.stderr.contains("no archive named \"elsewhere\"") && noSuchNode.stderr.contains("it has: orthanc"))
        }
    }

    @Test func aBadConfigEntryNamesTheFileKeyAndLine() throws {
        defer { cli.cleanUp() }
        let path = work.appendingPathComponent("bad.toml").path
        try "[[pacs]]\nname = \"a\"\nhost = \"h\"\nport = \"104\"\naet = \"A\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try cli.run(["pacs", "list", "--config", path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.toml:4: pacs.port: must be a port number"), "\(result.stderr)")
    }

    // MARK: - query

    @Test func queryFindsStudiesOverCFindAndQidoWithTheJsonContract() throws {
        try withArchive { _, config in
            for via in ["dimse", "dicomweb"] {
                let all = try pacs(["query", "orthanc", "--json", "--via", via], config: config)
                #expect(all.status == 0, "\(via): \(all.stderr)")
                let studies = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
                #expect(studies.count == 13, "\(via): \(studies.count) studies")
                for study in studies {
                    for key in ["studyInstanceUID", "patientID", "studyDate", "modalitiesInStudy", "numberOfInstances"] {
                        #expect(study[key] != nil, "\(via): \(key) missing")
                    }
                }
                let syn3 = studies.filter { $0["patientID"] as? String == "SYN-0003" }
                #expect(Set(syn3.compactMap { $0["studyInstanceUID"] as? String }) == [Self.current, Self.prior])
                #expect(syn3.allSatisfy { ($0["modalitiesInStudy"] as? [String]) == ["MG"] && ($0["numberOfInstances"] as? Int) == 4 })

                let byPatient = try pacs(["query", "orthanc", "--patient", "SYN-0003", "--date", "2025", "--json", "--via", via], config: config)
                let only = try #require(try JSONSerialization.jsonObject(with: Data(byPatient.stdout.utf8)) as? [[String: Any]])
                #expect(only.map { $0["studyInstanceUID"] as? String } == [Self.current], "\(via): \(byPatient.stdout)")

                let range = try pacs(["query", "orthanc", "--date", "20230101-20231231", "--json", "--via", via], config: config)
                let old = try #require(try JSONSerialization.jsonObject(with: Data(range.stdout.utf8)) as? [[String: Any]])
                #expect(old.contains { $0["studyInstanceUID"] as? String == Self.prior })
                #expect(old.allSatisfy { ($0["studyDate"] as? String ?? "").hasPrefix("2023") })

                let accession = try pacs(["query", "orthanc", "--accession", "SYN0003P", "--csv", "--via", via], config: config)
                #expect(accession.stdout.contains(Self.prior) && !accession.stdout.contains(Self.current), "\(via): \(accession.stdout)")

                let images = try pacs(["query", "orthanc", "--level", "image", "--study", Self.current, "--json", "--via", via], config: config)
                let instances = try #require(try JSONSerialization.jsonObject(with: Data(images.stdout.utf8)) as? [[String: Any]])
                #expect(instances.count == 4, "\(via): \(images.stdout)")
            }
            // The answers are worklist rows now: where = orthanc until retrieved.
            let worklist = try cli.run(["worklist", "--remote", "--json", "--library", library])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(worklist.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 13 && rows.allSatisfy { $0["where"] as? String == "orthanc" })
        }
    }

    // MARK: - retrieve

    @Test(arguments: ["cget", "dicomweb"])
    func retrieveFetchesTheStudyAndItsPriorAndResumes(via: String) throws {
        try withArchive { _, config in
            let first = try pacs(["retrieve", "orthanc", Self.current, "--via", via], config: config)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Retrieved 4 instances of study \(Self.current)"), "\(first.stdout)")
            #expect(first.stdout.contains("Priors: 1 study, 4 instances retrieved"), "\(first.stdout)")
            let database = try Database(path: library)
            #expect(try database.images(studyInstanceUID: Self.current).count == 4)
            #expect(try database.images(studyInstanceUID: Self.prior).count == 4)
            let storage = work.appendingPathComponent("lib/storage")
            for image in try database.images(studyInstanceUID: Self.current) {
                #expect(image.path.hasPrefix(storage.path + "/"), "\(image.path)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: storage.appendingPathComponent(".spool").path).isEmpty)
            // The current study links its prior, as after a folder import.
            let worklist = try database.worklist()
            #expect(worklist.first { $0.studyInstanceUID == Self.current }?.priorStudyInstanceUID == Self.prior)

            // One instance lost from storage: the next try fetches only that one.
            let lost = try #require(try database.images(studyInstanceUID: Self.current).first)
            try FileManager.default.removeItem(atPath: lost.path)
            let again = try pacs(["retrieve", "orthanc", Self.current, "--via", via, "--priors", "0"], config: config)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("Retrieved 1 instances of study \(Self.current) from orthanc") && again.stdout.contains("(3 already in the library)"),
                    "\(again.stdout)")
            #expect(FileManager.default.fileExists(atPath: lost.path))
        }
    }

    @Test func retrieveByCMoveToOurStorageSCP() throws {
        let port = try FreePort.next()
        try withArchive(storagePort: port) { _, config in
            let shim = try LoopbackShim.path()
            let moved = try pacs(["retrieve", "orthanc", Self.current, "--via", "cmove", "--priors", "0"], config: config,
                                 environment: ["LD_PRELOAD": shim])
            #expect(moved.status == 0, "\(moved.stderr)")
            #expect(moved.stdout.contains("Retrieved 4 instances of study \(Self.current) from orthanc via C-MOVE"), "\(moved.stdout)")
            #expect(try Database(path: library).images(studyInstanceUID: Self.current).count == 4)
        }
    }

    @Test func retrieveOfAStudyTheArchiveLacksFailsClearly() throws {
        try withArchive { _, config in
            let missing = try pacs(["retrieve", "orthanc", "1.2.3.4.5.6.7"], config: config)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("orthanc: "), "\(missing.stderr)")
            #expect(try Database(path: library).counts().images == 0)
        }
    }

    // MARK: - listen and send

    @Test func listenIndexesPushedImagesAndRefusesWhatIsNotAnImage() throws {
        defer { cli.cleanUp() }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/storescu") else {
            Issue.record("storescu (dcmtk) is not installed")
            return
        }
        let port = try FreePort.next()
        let config = work.appendingPathComponent("empty.toml").path
        try "".write(toFile: config, atomically: true, encoding: .utf8)
        let log = work.appendingPathComponent("listen.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let listener = try cli.launch(["pacs", "listen", "--port", String(port), "--config", config, "--library", library],
                                      environment: ["LD_PRELOAD": try LoopbackShim.path()], stdout: handle, stderr: handle)
        defer { if listener.isRunning { listener.terminate() } }
        #expect(try TerminalTools.poll(timeout: 20) { LoopbackShim.accepts(port: port) })

        // Four views of one exam, and a DICOM file with no pixel data: not an image.
        let exam = ArchiveTestData.samples.filter { $0.contains("/SYN-0002/") }
        #expect(exam.count == 4)
        let notImage = work.appendingPathComponent("not-an-image.dcm")
        try TinyDICOM.file(sop: "1.2.3.99.1", study: "1.2.3.99", series: "1.2.3.99.1", pixels: false).write(to: notImage)
        // The samples are JPEG-LS: storescu proposes that syntax only when asked (-xt).
        let sent = try TerminalTools.run("/usr/bin/storescu", ["-xt", "-aec", "MAMMOTERM", "127.0.0.1", String(port)] + exam)
        #expect(sent.status == 0, "storescu \(exam): \(sent.stderr)")
        let refused = try TerminalTools.run("/usr/bin/storescu", ["-v", "-aec", "MAMMOTERM", "127.0.0.1", String(port), notImage.path])
        let refusedText = String(decoding: refused.stdout, as: UTF8.self) + refused.stderr
        #expect(refusedText.contains("Error") || refusedText.contains("Failed") || refusedText.contains("0xc"), "storescu said: \(refusedText)")

        listener.interrupt()
        listener.waitUntilExit()
        try handle.close()
        let output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(output.contains("Received 4 instances, refused 1."), "\(output)")
        #expect(output.contains("refused: "), "\(output)")
        #expect(!output.contains("SYNTH"), "patient text in the log: \(output)")
        let database = try Database(path: library)
        #expect(try database.counts().images == 4)
        let spool = work.appendingPathComponent("lib/storage/.spool").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty)
    }

    /// The duplicate rule over the network: an instance the library already holds (imported from
    /// a folder) arrives again: an identical copy is accepted and dropped (the library keeps its
    /// file), a copy that does not decode and a copy with other pixels are refused with their reason.
    @Test func listenDecidesDuplicatesByContent() throws {
        defer { cli.cleanUp() }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/storescu") else {
            Issue.record("storescu (dcmtk) is not installed")
            return
        }
        let original = try #require(ArchiveTestData.samples.first { $0.contains("/SYN-0002/") && $0.hasSuffix("LCC.dcm") })
        let local = work.appendingPathComponent("local")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: original, toPath: local.appendingPathComponent("LCC.dcm").path)
        #expect(try cli.run(["import", local.path, "--library", library]).status == 0)
        var damaged = [UInt8](try Data(contentsOf: URL(fileURLWithPath: original)))
        for index in (damaged.count / 2)..<(damaged.count / 2 + 2000) { damaged[index] = index % 2 == 0 ? 0xFF : 0xF7 }
        let undecodable = work.appendingPathComponent("undecodable.dcm")
        try Data(damaged).write(to: undecodable)

        let port = try FreePort.next()
        let config = work.appendingPathComponent("empty.toml").path
        try "".write(toFile: config, atomically: true, encoding: .utf8)
        let log = work.appendingPathComponent("listen.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let listener = try cli.launch(["pacs", "listen", "--port", String(port), "--config", config, "--library", library],
                                      environment: ["LD_PRELOAD": try LoopbackShim.path()], stdout: handle, stderr: handle)
        defer { if listener.isRunning { listener.terminate() } }
        #expect(try TerminalTools.poll(timeout: 20) { LoopbackShim.accepts(port: port) })
        let same = try TerminalTools.run("/usr/bin/storescu", ["-xt", "-aec", "MAMMOTERM", "127.0.0.1", String(port), original])
        #expect(same.status == 0, "an identical copy is accepted: \(same.stderr)")
        let refused = try TerminalTools.run("/usr/bin/storescu", ["-v", "-xt", "-aec", "MAMMOTERM", "127.0.0.1", String(port), undecodable.path])
        let refusedText = String(decoding: refused.stdout, as: UTF8.self) + refused.stderr
        #expect(refusedText.contains("Error") || refusedText.contains("Failed") || refusedText.contains("0xc"), "storescu said: \(refusedText)")
        listener.interrupt()
        listener.waitUntilExit()
        try handle.close()
        let output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(output.contains("Received 1 instances, refused 1."), "\(output)")
        #expect(output.contains("JPEG-LS"), "the refusal gives the copy's own defect: \(output)")
        let database = try Database(path: library)
        #expect(try database.counts().images == 1)
        let held = try database.worklist().flatMap { try database.images(studyInstanceUID: $0.studyInstanceUID) }.map(\.path)
        #expect(held == [local.appendingPathComponent("LCC.dcm").path], "the library keeps its own file: \(held)")
        #expect(Self.filedFiles(work.appendingPathComponent("lib/storage")).isEmpty, "no second copy filed")
    }

    @Test(arguments: ["dimse", "dicomweb"])
    func sendStoresALibraryStudyInTheArchive(via: String) throws {
        try withArchive(loaded: false) { server, config in
            let folder = ArchiveTestData.repositoryRoot.appendingPathComponent("samples/SYN-0002").path
            let imported = try cli.run(["import", folder, "--library", library])
            #expect(imported.status == 0, "\(imported.stderr)")
            let uid = try #require(try Database(path: library).worklist().first?.studyInstanceUID)
            let sent = try pacs(["send", "orthanc", uid, "--via", via], config: config)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout.contains("Sent 4 of 4 instances to orthanc"), "\(sent.stdout)")
            #expect(try server.instanceCount() == 4)
        }
    }
}

extension PacsCLITests {
    /// The workstation in tmux: the worklist lists the archive's studies beside the local one
    /// (Where column), Enter on a remote study retrieves it with a progress line, its views show
    /// as they are filed, the study turns local and brings its prior; then `q` back and quit.
    @Test(.enabled(if: TerminalTools.runnable(TerminalTools.tmuxTools), TerminalTools.skipNote(TerminalTools.tmuxTools)))
    func workstationListsRemoteStudiesAndOpensOneAsItArrives() throws {
        try withArchive { _, config in
            let local = ArchiveTestData.repositoryRoot.appendingPathComponent("samples/SYN-0002").path
            #expect(try cli.run(["import", local, "--library", library]).status == 0)
            let queried = try pacs(["query", "orthanc"], config: config)
            #expect(queried.status == 0, "\(queried.stderr)")

            let tmux = try TmuxSession(columns: 160, rows: 50, command: [try TerminalTools.mammoterm(), "--library", library, "--config", config,
                                                                         "--graphics", "braille"])
            defer { tmux.close() }
            let worklist = try #require(try tmux.waitForLine(containing: "Worklist —", timeout: 30), "no worklist in tmux")
            #expect(worklist.contains { $0.contains("Where") })
            #expect(worklist.contains { $0.contains("SYN-0002") && $0.contains("local") })
            #expect(worklist.contains { $0.contains("SYN-0003") && $0.contains("orthanc") })
            #expect(worklist.contains { $0.contains("13 studies") }, "\(worklist.joined(separator: "\n"))")

            // The remote filter, then the patient's newest study.
            try tmux.send(["/"])
            try tmux.send(["SYN-0003"], literal: true)
            try tmux.send(["Enter"])
            #expect(try tmux.waitForLine(containing: "2 found", timeout: 10) != nil)
            try tmux.send(["Enter"])
            // (The progress line is not asserted: eight small files may arrive between two captures.)
            var lastScreen: [String] = []
            let finished = try TerminalTools.poll(timeout: 60) {
                lastScreen = try tmux.lines()
                return lastScreen.contains { $0.contains("Retrieved 4 instances from orthanc with 1 prior study") }
            }
            #expect(finished, "no end of the retrieve:\n\(lastScreen.joined(separator: "\n"))")
            // The four views are drawn (braille ink in the image area) and labelled.
            let drawn = try TerminalTools.poll(timeout: 30) {
                lastScreen = try tmux.lines()
                let ink = lastScreen.reduce(0) { $0 + $1.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count }
                return ink > 1000 && lastScreen.contains { $0.contains("RCC / RMLO") }
            }
            #expect(drawn, "views not drawn:\n\(lastScreen.joined(separator: "\n"))")
            // The study is in the library now, with its prior.
            let database = try Database(path: library)
            #expect(try database.images(studyInstanceUID: Self.current).count == 4)
            #expect(try database.images(studyInstanceUID: Self.prior).count == 4)
            try tmux.send(["q"])
            let back = try #require(try tmux.waitForLine(containing: "Worklist —", timeout: 10))
            #expect(back.contains { $0.contains("SYN-0003") && $0.contains("local") }, "\(back.joined(separator: "\n"))")
            try tmux.send(["q"])
            #expect(TerminalTools.poll(timeout: 10) { tmux.exitStatus != nil })
            #expect(tmux.exitStatus == 0)
        }
    }
}

// MARK: - faults in a retrieve

extension PacsCLITests {
    /// The archive dies after the first instance of a real CBIS-DDSM study (4 x ~9 MB RLE) is
    /// filed: one clear line, only whole instances in the library, nothing in the spool; the
    /// same command against the archive back up fetches only what is missing.
    @Test func aServerDyingMidTransferLeavesOnlyWholeInstancesAndTheNextTryResumes() throws {
        let films = ArchiveTestData.cbisDDSM.filter { $0.contains("sfm-malign-0") }
        guard films.count == 4 else {
            if ProcessInfo.processInfo.environment["MAMMOTERM_REQUIRE_TESTDATA"] == "1" { Issue.record("CBIS-DDSM files missing") }
            return
        }
        try withArchive(loaded: false) { server, config in
            // CBIS-DDSM files each are a study of their own: made one four-view study here.
            let uid = "1.2.826.0.1.3680043.10.511.820"
            var copies: [String] = []
            for film in films {
                let copy = work.appendingPathComponent((film as NSString).lastPathComponent).path
                try FileManager.default.copyItem(atPath: film, toPath: copy)
                let modified = try TerminalTools.run("/usr/bin/dcmodify", ["-nb", "-m", "(0020,000D)=\(uid)", "-m", "(0010,0020)=Mass-Test_P_00820", copy])
                #expect(modified.status == 0, "\(modified.stderr)")
                copies.append(copy)
            }
            try server.upload(copies)
            let storage = work.appendingPathComponent("lib/storage")

            let output = work.appendingPathComponent("retrieve.err")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            let retrieve = try cli.launch(["pacs", "retrieve", "orthanc", uid, "--priors", "0", "--config", config, "--library", library],
                                          stdout: FileHandle.nullDevice, stderr: handle)
            let firstFiled = TerminalTools.poll(timeout: 60, interval: 0.005) { Self.filedFiles(storage).count >= 1 }
            server.kill()
            retrieve.waitUntilExit()
            try handle.close()
            let stderr = String(decoding: try Data(contentsOf: output), as: UTF8.self)
            #expect(firstFiled)
            let filed = Self.filedFiles(storage)
            if filed.count < 4 {
                #expect(retrieve.terminationStatus == 1, "\(stderr)")
                #expect(stderr.hasPrefix("mammoterm: orthanc: C-GET failed: "), "\(stderr)")
                #expect(stderr.contains("run the same command again"))
            } else {
                print("note: the retrieve finished before the archive was killed; the resume below fetches nothing")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: storage.appendingPathComponent(".spool").path).isEmpty)
            let database = try Database(path: library)
            let kept = try database.images(studyInstanceUID: uid)
            #expect(kept.count == filed.count && !kept.isEmpty)
            for image in kept {
                let info = try cli.run(["info", image.path, "--json"])
                #expect(info.status == 0 && !info.stdout.contains("\"error\""), "\(image.path): \(info.stdout)")
            }

            // The archive is back (a new Orthanc with the same files): only the rest is fetched.
            let again = try OrthancServer.start()
            defer { again.stop() }
            try again.upload(copies)
            let config2 = try writeConfig(server: again, name: "again.toml")
            let resumed = try pacs(["retrieve", "orthanc", uid, "--priors", "0"], config: config2)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(resumed.stdout.contains("Retrieved \(4 - kept.count) instances") && resumed.stdout.contains("(\(kept.count) already in the library)"),
                    "\(resumed.stdout)")
            #expect(try database.images(studyInstanceUID: uid).count == 4)
        }
    }

    /// An instance the archive holds but that is not a readable image (BitsStored 20 in 16 bits
    /// allocated) is refused and named; the other views are filed.
    @Test func anInstanceThatCannotBeReadIsRefusedNamedAndTheRestFiled() throws {
        try withArchive(loaded: false) { server, config in
            let exam = ArchiveTestData.samples.filter { $0.contains("/SYN-0002/") }.sorted()
            let broken = work.appendingPathComponent("broken.dcm")
            try FileManager.default.copyItem(atPath: exam[0], toPath: broken.path)
            let modified = try TerminalTools.run("/usr/bin/dcmodify", ["-nb", "-m", "(0028,0101)=20", broken.path])
            #expect(modified.status == 0, "\(modified.stderr)")
            try server.upload([broken.path] + exam.dropFirst())
            let query = try pacs(["query", "orthanc", "--json"], config: config)
            let studies = try #require(try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [[String: Any]])
            let uid = try #require(studies.first?["studyInstanceUID"] as? String)
            for via in ["cget", "dicomweb"] {
                let result = try pacs(["retrieve", "orthanc", uid, "--priors", "0", "--via", via], config: config)
                #expect(result.status == 1, "\(via): \(result.stdout) \(result.stderr)")
                // The second try resumes: the three good views are already in the library.
                let expected = via == "cget" ? "Retrieved 3 instances" : "Retrieved 0 instances"
                #expect(result.stdout.contains(expected) && result.stdout.contains("1 failed"), "\(via): \(result.stdout)")
                // Over WADO-RS the file arrives and our check names what is wrong; over C-GET Orthanc
                // itself cannot send it (it cannot read the pixels either) and says so.
                let failure = result.stderr.split(separator: "\n").first { $0.hasPrefix("mammoterm: failed: ") }
                #expect(failure != nil, "\(via): \(result.stderr)")
                if via == "dicomweb" { #expect(failure?.contains("BitsStored 20") == true, "\(via): \(result.stderr)") }
                #expect(try Database(path: library).images(studyInstanceUID: uid).count == 3)
            }
        }
    }

    /// Instance files filed in managed storage (the spool left out).
    static func filedFiles(_ storage: URL) -> [String] {
        guard let walk = FileManager.default.enumerator(atPath: storage.path) else { return [] }
        return walk.compactMap { $0 as? String }.filter { !$0.hasPrefix(".spool") && $0.hasSuffix(".dcm") }
    }
}

// MARK: - a second, independent peer: pynetdicom

extension PacsCLITests {
    /// pynetdicom's Query/Retrieve SCP over the samples folder: query, retrieve (C-GET and C-MOVE)
    /// and send; then pynetdicom's store SCU pushing into `pacs listen`.
    @Test func theSameCommandsWorkAgainstPynetdicom() throws {
        defer { cli.cleanUp() }
        let samples = ArchiveTestData.repositoryRoot.appendingPathComponent("samples").path
        let received = work.appendingPathComponent("pynetdicom-received")
        try FileManager.default.createDirectory(at: received, withIntermediateDirectories: true)
        let movePort = try FreePort.next()
        let peer: PynetdicomPeer
        do {
            peer = try PynetdicomPeer.startQRSCP(folder: samples, storeFolder: received.path, moveDestinations: ["MAMMOTERM": movePort])
        } catch let unavailable as PynetdicomPeer.Unavailable {
            print("skipped: \(unavailable.reason)")
            return
        }
        defer { peer.stop() }
        let config = work.appendingPathComponent("pynetdicom.toml").path
        try """
            [[pacs]]
            name = "pynetdicom"
            host = "127.0.0.1"
            port = \(peer.port)
            aet = "\(peer.aet)"
            storage_port = \(movePort)
            timeout = 10
            """.write(toFile: config, atomically: true, encoding: .utf8)

        let echo = try pacs(["echo", "pynetdicom"], config: config)
        #expect(echo.status == 0, "\(echo.stderr)")
        let query = try pacs(["query", "pynetdicom", "--patient", "SYN-0003", "--json"], config: config)
        #expect(query.status == 0, "\(query.stderr)")
        let studies = try #require(try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [[String: Any]], "\(query.stdout)")
        #expect(Set(studies.compactMap { $0["studyInstanceUID"] as? String }) == [Self.current, Self.prior], "\(query.stdout)")

        let fetched = try pacs(["retrieve", "pynetdicom", Self.current, "--priors", "1"], config: config)
        #expect(fetched.status == 0, "\(fetched.stderr)\n\(Self.tail(peer.logPath))")
        #expect(fetched.stdout.contains("Retrieved 4 instances of study \(Self.current) from pynetdicom via C-GET"), "\(fetched.stdout)")
        #expect(fetched.stdout.contains("Priors: 1 study, 4 instances retrieved"), "\(fetched.stdout)")

        let moved = try pacs(["retrieve", "pynetdicom", "2.25.270737796833824693440117791243476936639", "--via", "cmove", "--priors", "0"],
                             config: config, environment: ["LD_PRELOAD": try LoopbackShim.path()])
        #expect(moved.status == 0, "\(moved.stderr)\n\(Self.tail(peer.logPath))")
        #expect(moved.stdout.contains("Retrieved 4 instances") && moved.stdout.contains("via C-MOVE"), "\(moved.stdout)")

        let sent = try pacs(["send", "pynetdicom", Self.current], config: config)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("Sent 4 of 4 instances to pynetdicom"), "\(sent.stdout)")
        #expect(Self.dicomFiles(received).count == 4)

        // pynetdicom pushes into our Storage SCP.
        let listenPort = try FreePort.next()
        let other = work.appendingPathComponent("listen.sqlite").path
        let listener = try cli.launch(["pacs", "listen", "--port", String(listenPort), "--config", config, "--library", other],
                                      environment: ["LD_PRELOAD": try LoopbackShim.path()])
        defer { if listener.isRunning { listener.terminate() } }
        #expect(TerminalTools.poll(timeout: 20) { LoopbackShim.accepts(port: listenPort) })
        let exam = ArchiveTestData.samples.filter { $0.contains("/SYN-0004/") }
        let statuses = try PynetdicomPeer.storeSCU(host: "127.0.0.1", port: listenPort, aet: "MAMMOTERM", files: exam)
        #expect(statuses.count == exam.count && statuses.allSatisfy { $0.status == 0 }, "\(statuses)")
        listener.interrupt()
        listener.waitUntilExit()
        #expect(try Database(path: other).counts().images == exam.count)
    }

    static func tail(_ path: String) -> String {
        String(String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self).suffix(2000))
    }

    static func dicomFiles(_ folder: URL) -> [String] {
        guard let walk = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walk.compactMap { $0 as? String }.filter { !$0.hasPrefix(".") && !$0.hasSuffix("/") }
            .filter { var isFolder: ObjCBool = false; return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue }
    }
}
