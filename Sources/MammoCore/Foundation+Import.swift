// MammoCore depends on Foundation only for string trimming.
@_exported import Foundation
