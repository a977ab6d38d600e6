import FuzzDriver

// The entry point. SwiftPM links an executable target with `main` defined as `FuzzYAML_main`, which a
// module compiled with -parse-as-library does not emit; this supplies it and hands over to
// libFuzzer's driver, as libFuzzer's own `main` would.
@_cdecl("FuzzYAML_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzYAML(data!, size) }
}
