// The user's defaults for the workstation, from `$XDG_CONFIG_HOME/mammoterm/config.toml`
// (else `~/.config/mammoterm/config.toml`). Every key is optional; command-line flags win.
//
//   # mammoterm configuration
//   version  = 1                      # optional; a newer version is refused with a hint
//   library  = "~/mammo/library.sqlite"   # the library file (~ is the home folder)
//   theme    = "reading-room"         # reading-room | high-contrast | light | a .toml path
//   graphics = "auto"                 # auto | sixel | braille | blocks | ascii
//   sixel_greys = 34                  # greys in the sixel palette, 2-101 (34 by default)
//   reader   = "r1"                   # reader id recorded with reads (printable, ≤ 64 chars)
//   reader_flag = false               # refuse `--reader` other than this reader (a study workstation); default true.
//                                     # A shared (PostgreSQL) library always reads as its role.
//   protocol = "second-look"          # `mammoterm read`'s protocol: unaided | concurrent | second-look | referral
//   storage  = "~/mammo/storage"      # where studies retrieved from an archive are kept (default: `storage` beside the library)
//   retrieve_priors = 2               # previous MG studies of the patient fetched with a study (0-20, default 2)
//   layout   = "2x2"                  # the reading layout: 2x2 | 1x4 | cc | mlo | single (RCC); `L` on the
//                                     # reading screen changes it, kept per reader in readers.toml beside this file
//
//   [monitor]                         # alarm settings of `mammoterm monitor`: WorkstationConfig+Monitor.swift has the keys
//   false_alarm_rate = 0.05
//
//   [[pacs]]                          # one entry per archive: WorkstationConfig+Pacs.swift has the keys
//   name = "orthanc"
//   host = "127.0.0.1"
//   port = 4242
//   aet  = "ORTHANC"
//
// Unknown keys and wrong types are errors that name the key and its line, so a typo never
// silently falls back to a default.
import Archive
import Imaging
import MammoCore
import TermGraphics

public struct WorkstationConfig: Equatable, Sendable {
    public static let formatVersion = 1

    public var library: String?
    public var theme: String?
    public var graphics: GraphicsOverride?
    public var reader: String?
    /// False: `--reader` may not name another reader than `reader` (else the login name).
    public var readerFlag: Bool = true
    public var sixelGreys: Int?
    public var readingProtocol: ReadingProtocol?
    /// Managed storage for retrieved studies (~ allowed); nil: `storage` beside the library.
    public var storage: String?
    /// How many previous MG studies of the patient a retrieve also fetches; nil: the default (2).
    public var retrievePriors: Int?
    /// The reading layout studies open in; nil: the 2x2 (a reader's `L` choice, kept in ReaderSettings, wins).
    public var layout: HangingLayout?
    /// The archives, in config order.
    public var pacs: [PacsNode] = []
    /// `[monitor]`: the monitor's alarm settings.
    public var monitor = MonitorSettings()

    public static let defaultRetrievePriors = 2

    public init(library: String? = nil, theme: String? = nil, graphics: GraphicsOverride? = nil, reader: String? = nil,
                sixelGreys: Int? = nil) {
        self.sixelGreys = sixelGreys
        self.library = library
        self.theme = theme
        self.graphics = graphics
        self.reader = reader
    }
}
