/**
 * gradcheck-core: the gradient checker. The API is {@code dev.gradcheck}; the algorithm's packages below it are not
 * exported.
 */
module dev.gradcheck.core {
    requires commons.math3;
    requires static ejml.core;

    exports dev.gradcheck;
}
