// The libFuzzer entry for the Swift targets; MT_FUZZ_TARGET picks which one (read once, so
// -merge and -fork children, which inherit the environment, fuzz the same target).
//
// SwiftPM links an executable target with main defined as `<module>_main` (so tests can link
// it): that symbol is defined here and hands the command line to libFuzzer's driver, which does
// what libFuzzer's own main would. LLVMFuzzerTestOneInput is there for whichever main the
// linker keeps.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.selected.run(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("MammotermFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = FuzzTarget.selected  // an unknown target fails before libFuzzer starts
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzTestOneInput(data, size) }
}
