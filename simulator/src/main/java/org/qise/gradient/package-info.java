/**
 * Gradients of expectation values ⟨ψ(p)|H|ψ(p)⟩ with respect to circuit parameters: the adjoint
 * method ({@link org.qise.gradient.AdjointGradient}, one forward and one backward pass) and
 * parameter-shift rules ({@link org.qise.gradient.ParameterShift}, an independent check). The
 * backward pass keeps its own heap state vectors and kernels, apart from the engines.
 */
package org.qise.gradient;
