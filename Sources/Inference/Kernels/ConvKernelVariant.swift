// Which convolution kernel Conv layers run: the vector kernels of CKernels where the CPU has them, else
// im2col + cblas_sgemm (ConvKernel, with DirectConvKernel for tiny patches).
import CKernels
import Foundation

public enum ConvKernelVariant: String, Sendable, CaseIterable {
    /// VectorConvKernel with AVX-512F register tiles (12 or 8 channels x 32 pixels).
    case avx512
    /// VectorConvKernel with AVX2 + FMA register tiles (6 channels x 16 pixels).
    case avx2
    /// im2col + cblas_sgemm (and DirectConvKernel): any CPU, and OpenBLAS's threads.
    case openBLAS

    /// Whether this CPU (and OS) can run the variant.
    public var isSupported: Bool { ck_isa_supported(isa) != 0 }

    /// The fastest variant this CPU supports.
    public static var fastest: ConvKernelVariant {
        switch ck_detect_isa() {
        case CK_ISA_AVX512: .avx512
        case CK_ISA_AVX2: .avx2
        default: .openBLAS
        }
    }

    /// The variant Conv layers run: the fastest, unless the environment variable MAMMOTERM_CONV_KERNEL names
    /// another supported one (avx512, avx2, openBLAS: for benchmarks comparing them in one build).
    public static let active: ConvKernelVariant = {
        if let name = ProcessInfo.processInfo.environment["MAMMOTERM_CONV_KERNEL"],
           let chosen = ConvKernelVariant(rawValue: name), chosen.isSupported {
            return chosen
        }
        return fastest
    }()

    var isa: ck_isa {
        switch self {
        case .avx512: CK_ISA_AVX512
        case .avx2: CK_ISA_AVX2
        case .openBLAS: CK_ISA_NONE
        }
    }
}
