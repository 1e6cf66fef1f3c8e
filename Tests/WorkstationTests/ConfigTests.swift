// config.toml: every key optional, values checked, and a bad file names the key and its line.
import Archive
import Foundation
import TermGraphics
import Testing
import Workstation

@Suite("Config file")
struct ConfigTests {
    @Test func readsEveryKey() throws {
        let config = try WorkstationConfig.parse("""
            # mammoterm
            version = 1
            library = "~/mammo/library.sqlite"
            theme = "light"
            graphics = "braille"
            sixel_greys = 101
            reader = "r1"
            """, path: "config.toml")
        #expect(config == WorkstationConfig(library: "~/mammo/library.sqlite", theme: "light", graphics: .braille, reader: "r1",
                                            sixelGreys: 101))
    }

    @Test func emptyAndMissingFilesAreDefaults() throws {
        #expect(try WorkstationConfig.parse("", path: "config.toml") == WorkstationConfig())
        #expect(try WorkstationConfig.load(path: "/nonexistent/mammoterm/config.toml") == WorkstationConfig())
    }

    /// `reader_flag`: true unless the config says false; anything but a boolean names the key.
    @Test func readerFlagIsABoolean() throws {
        #expect(try WorkstationConfig.parse("", path: "config.toml").readerFlag)
        #expect(try !WorkstationConfig.parse("reader_flag = false\n", path: "config.toml").readerFlag)
        let bad = Self.failure("reader_flag = \"no\"\n")
        #expect(bad?.description.contains("reader_flag") == true && bad?.description.contains("true or false") == true)
    }

    static func failure(_ text: String) -> WorkstationError? {
        do {
            _ = try WorkstationConfig.parse(text, path: "config.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownKeyNamesKeyAndLine() throws {
        let error = try #require(Self.failure("theme = \"light\"\n\ngrafics = \"sixel\"\n"))
        #expect(error.key == "grafics")
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("config.toml:3: grafics: unknown key"))
    }

    @Test func sectionsAreRefusedWithAHint() throws {
        let error = try #require(Self.failure("[workstation]\ntheme = \"light\"\n"))
        #expect(error.key == "workstation")
        #expect(error.line == 1)
        #expect(error.reason.contains("only sections are [[pacs]] entries"))
    }

    @Test func theMonitorTableIsReadAndChecked() throws {
        let config = try WorkstationConfig.parse("""
            theme = "light"
            [monitor]
            false_alarm_rate = 0.01
            bootstrap_resamples = 1000
            window = "month"
            reference = "20260101..20260331"
            seed = 9
            """, path: "config.toml")
        #expect(config.monitor.falseAlarmRate == 0.01 && config.monitor.bootstrapResamples == 1000)
        #expect(config.monitor.window == "month" && config.monitor.reference == "20260101..20260331" && config.monitor.seed == 9)
        #expect(config.monitor.minimumExams == nil, "unset keys stay the monitor's defaults")
        let rate = try #require(Self.failure("[monitor]\nfalse_alarm_rate = 5\n"))
        #expect(rate.key == "monitor.false_alarm_rate" && rate.line == 2 && rate.reason.contains("0.0001 to 0.5"))
        let unknown = try #require(Self.failure("[monitor]\nalarm = 1\n"))
        #expect(unknown.key == "monitor.alarm" && unknown.reason.contains("false_alarm_rate"))
        let window = try #require(Self.failure("[monitor]\nwindow = \"day\"\n"))
        #expect(window.key == "monitor.window" && window.reason.contains("week"))
    }

    @Test func badValuesNameKeyAndLine() throws {
        let graphics = try #require(Self.failure("library = \"a\"\ngraphics = \"kitty\"\n"))
        #expect(graphics.key == "graphics" && graphics.line == 2)
        #expect(graphics.reason.contains("auto, sixel, braille, blocks, ascii"))
        let type = try #require(Self.failure("theme = 3\n"))
        #expect(type.key == "theme" && type.line == 1 && type.reason.contains("string"))
        let reader = try #require(Self.failure("reader = \"a\\u001b[2Jb\"\n"))
        #expect(reader.key == "reader")
        let greys = try #require(Self.failure("theme = \"light\"\nsixel_greys = 300\n"))
        #expect(greys.key == "sixel_greys" && greys.line == 2 && greys.reason.contains("2 to 101"))
        let empty = try #require(Self.failure("library = \"\"\n"))
        #expect(empty.key == "library" && empty.reason.contains("empty"))
    }

    @Test func newerVersionAsksForAnUpdate() throws {
        let error = try #require(Self.failure("version = 2\n"))
        #expect(error.key == "version" && error.reason.contains("update mammoterm"))
    }

    @Test func readsArchiveEntries() throws {
        let config = try WorkstationConfig.parse("""
            library = "lib.sqlite"
            storage = "~/mammo/storage"
            retrieve_priors = 1

            [[pacs]]
            name = "orthanc"
            host = "127.0.0.1"
            port = 4242
            aet = "ORTHANC"
            dicomweb = "http://127.0.0.1:8042/dicom-web"
            storage_port = 11113
            timeout = 2.5

            [[pacs]]
            name = "site-b"
            host = "pacs.example.org"
            port = 104
            aet = "SITEB"
            calling_aet = "READER1"
            connect_timeout = 1
            """, path: "config.toml")
        #expect(config.storage == "~/mammo/storage")
        #expect(config.retrievePriors == 1)
        #expect(config.pacs == [
            PacsNode(name: "orthanc", host: "127.0.0.1", port: 4242, aet: "ORTHANC", dicomweb: URL(string: "http://127.0.0.1:8042/dicom-web"),
                     storagePort: 11113, timeout: 2.5),
            PacsNode(name: "site-b", host: "pacs.example.org", port: 104, aet: "SITEB", callingAET: "READER1", connectTimeout: 1),
        ])
    }

    @Test func badArchiveEntriesNameTheKeyAndItsLine() throws {
        let entry = "[[pacs]]\nname = \"a\"\nhost = \"h\"\nport = 104\naet = \"A\"\n"
        let port = try #require(Self.failure(entry + "\n[[pacs]]\nname = \"b\"\nhost = \"h\"\nport = 70000\naet = \"B\"\n"))
        #expect(port.key == "pacs.port" && port.line == 10 && port.reason.contains("1 to 65535"))
        #expect(port.description.hasPrefix("config.toml:10: pacs.port:"))
        let missing = try #require(Self.failure("[[pacs]]\nname = \"a\"\nhost = \"h\"\nport = 104\n"))
        #expect(missing.key == "pacs.aet" && missing.line == 1 && missing.reason.contains("missing"))
        let aet = try #require(Self.failure(entry.replacingOccurrences(of: "aet = \"A\"", with: "aet = \"ABCDEFGHIJKLMNOPQ\"")))
        #expect(aet.key == "pacs.aet" && aet.line == 5)
        let unknown = try #require(Self.failure(entry + "tls = true\n"))
        #expect(unknown.key == "pacs.tls" && unknown.line == 6 && unknown.reason.contains("unknown key"))
        let twice = try #require(Self.failure(entry + "\n" + entry))
        #expect(twice.key == "pacs.name" && twice.line == 8 && twice.reason.contains("two archives"))
        let url = try #require(Self.failure(entry + "dicomweb = \"ftp://x/dicom-web\"\n"))
        #expect(url.key == "pacs.dicomweb" && url.line == 6)
        let single = try #require(Self.failure("[pacs]\nname = \"a\"\n"))
        #expect(single.key == "pacs" && single.line == 1 && single.reason.contains("[[pacs]]"))
        let local = try #require(Self.failure(entry.replacingOccurrences(of: "name = \"a\"", with: "name = \"local\"")))
        #expect(local.key == "pacs.name" && local.reason.contains("local"))
        let timeout = try #require(Self.failure(entry + "timeout = 0\n"))
        #expect(timeout.key == "pacs.timeout" && timeout.line == 6)
        let priors = try #require(Self.failure("retrieve_priors = 50\n"))
        #expect(priors.key == "retrieve_priors" && priors.line == 1)
    }

    @Test func syntaxErrorsGiveTheLine() throws {
        let error = try #require(Self.failure("theme = \"light\"\nlibrary = \n"))
        #expect(error.line == 2)
    }
}

@Suite("Study date range")
struct StudyDateRangeTests {
    @Test func partialDatesCoverTheirWholePeriod() throws {
        #expect(try StudyDateRange.parse("2024") == StudyDateRange(from: "20240101", through: "20241231"))
        #expect(try StudyDateRange.parse("2024-02") == StudyDateRange(from: "20240201", through: "20240229"), "leap year")
        #expect(try StudyDateRange.parse("2023-02") == StudyDateRange(from: "20230201", through: "20230228"))
        #expect(try StudyDateRange.parse(" 2023..2024-06 ") == StudyDateRange(from: "20230101", through: "20240630"))
        #expect(try StudyDateRange.parse("2024-03..") == StudyDateRange(from: "20240301", through: nil))
        #expect(try StudyDateRange.parse("..2023") == StudyDateRange(from: nil, through: "20231231"))
        #expect(try StudyDateRange.parse("") == nil)
    }

    @Test func containsComparesDicomDates() throws {
        let range = try #require(try StudyDateRange.parse("2024-03-05..2024-03-07"))
        #expect(range.contains("20240305") && range.contains("20240307"))
        #expect(!range.contains("20240304") && !range.contains("20240308"))
        #expect(!range.contains(""), "a study without a date is outside every range")
        #expect(range.label == "2024-03-05 to 2024-03-07")
    }

    @Test(arguments: ["2024-13", "2023-02-29", "24", "2024/03", "2025..2024", "a..b", "..", "2024..2025..2026", "2024-1-5"])
    func refusesWhatIsNotADate(_ text: String) {
        #expect(throws: WorkstationError.self) { try StudyDateRange.parse(text) }
    }
}
