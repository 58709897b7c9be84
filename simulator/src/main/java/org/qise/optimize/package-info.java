/** Minimising expectation values over circuit parameters (VQE, QAOA) with Commons Math optimisers. */
package org.qise.optimize;
