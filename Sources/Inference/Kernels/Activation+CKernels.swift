// Activation in the form CKernels' epilogues take it.
import CKernels

extension Activation {
    /// The activation as CKernels takes it.
    var kernelForm: ck_activation {
        switch self {
        case .none: ck_activation(kind: CK_ACTIVATION_NONE, alpha: 0, low: 0, high: 0)
        case .relu: ck_activation(kind: CK_ACTIVATION_RELU, alpha: 0, low: 0, high: 0)
        case .leakyRelu(let alpha): ck_activation(kind: CK_ACTIVATION_LEAKY_RELU, alpha: alpha, low: 0, high: 0)
        case .clip(let low, let high): ck_activation(kind: CK_ACTIVATION_CLIP, alpha: 0, low: low, high: high)
        case .sigmoid: ck_activation(kind: CK_ACTIVATION_SIGMOID, alpha: 0, low: 0, high: 0)
        }
    }
}
