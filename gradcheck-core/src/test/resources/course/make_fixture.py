#!/usr/bin/python3
"""Generates course-gradient-check.txt: the numbers of the course's "Gradient Checking" notebook,
computed the way the notebook computes them (numpy, the naive cost, dθ_approx with denominators 2ε).

Documentation only: the Maven build never runs this; it reads the committed numbers. Regenerate with
    /usr/bin/python3 make_fixture.py > course-gradient-check.txt
(Debian: apt-get install python3-numpy). Written from the notebook's description, not copied from it.

Why exp and log are not np.exp / np.log: on an AVX-512 machine numpy's own float64 exp and log are not
correctly rounded (measured here: 123 of the 846 exp/log results of the check are 1 ulp off), so the numpy
J differs in the last bit from any J a Java model can compute, and a 1-ulp change of J moves one gradapprox
entry by ~u·J/2ε ≈ 2e-9: the course's difference for the correct net is round-off dominated, so it moved
to 1.1862e-07 (numpy 1.24, Debian) from 1.1891e-07 (numpy 2.4, OpenBLAS) on the same machine. The fixture therefore
evaluates exp and log elementwise, correctly rounded (the C library's exp/log, each result checked against
60-digit decimal arithmetic), which is what Java's Math.exp/Math.log return on these arguments; everything
else (matrix products, sums, the cost, the check) is numpy as the notebook has it. The numbers with numpy's
own np.exp/np.log are printed too (numpyNative.*), for information only.

Output format, one record per line ('#' starts a comment):
    <key> <count> <v1> <v2> ...     every value printed with 17 significant digits (round-trips a double)
Matrices are flattened row-major; θ and the gradients in the order W1, b1, W2, b2, W3, b3.
"""
import math
import sys
from decimal import Decimal, getcontext

import numpy as np

EPSILON = 1e-7
ORDER = ["W1", "b1", "W2", "b2", "W3", "b3"]
out = sys.stdout


getcontext().prec = 60
CORRECTLY_ROUNDED = True   # see the module docstring


def _rounded(f, name):
    def one(x):
        y = f(x)
        exact = Decimal(x).exp() if name == "exp" else Decimal(x).ln()
        assert y == float(exact), name + "(" + x.hex() + ") is not correctly rounded by the C library"
        return y
    vec = np.vectorize(one, otypes=[np.float64])
    native = np.exp if name == "exp" else np.log
    return lambda a: vec(a) if CORRECTLY_ROUNDED else native(a)


exp = _rounded(math.exp, "exp")
log = _rounded(math.log, "log")


def emit(key, values):
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    out.write(key + " " + str(values.size) + "".join(" " + format(float(v), ".17g") for v in values) + "\n")


# --- 1-D: J(θ) = θ·x -------------------------------------------------------------------------------------------
def one_dim(x, theta, epsilon=EPSILON):
    j_plus = (theta + epsilon) * x
    j_minus = (theta - epsilon) * x
    gradapprox = (j_plus - j_minus) / (2 * epsilon)
    grad = x
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return j_plus, j_minus, grad, gradapprox, difference


# --- the 3-layer net: LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, examples as columns -----------------
def forward(X, Y, p):
    m = X.shape[1]
    Z1 = np.dot(p["W1"], X) + p["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = np.dot(p["W2"], A1) + p["b2"]
    A2 = np.maximum(0, Z2)
    Z3 = np.dot(p["W3"], A2) + p["b3"]
    A3 = 1 / (1 + exp(-Z3))
    # the course's cost, written the naive way (1 - A3 cancels when A3 is near 1)
    logprobs = np.multiply(-log(A3), Y) + np.multiply(-log(1 - A3), 1 - Y)
    cost = 1. / m * np.sum(logprobs)
    return cost, (Z1, A1, Z2, A2, Z3, A3)


def backward(X, Y, p, cache, buggy):
    m = X.shape[1]
    Z1, A1, Z2, A2, Z3, A3 = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(p["W3"].T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) * (2 if buggy else 1)   # the notebook's planted bug: dW2 doubled
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(p["W2"].T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = (4. if buggy else 1.) / m * np.sum(dZ1, axis=1, keepdims=True)   # and db1 with 4./m
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2, "W3": dW3, "b3": db3}


def to_vector(d):
    return np.concatenate([d[k].reshape(-1) for k in ORDER])


def from_vector(theta, shapes):
    p, at = {}, 0
    for k in ORDER:
        n = int(np.prod(shapes[k]))
        p[k] = theta[at:at + n].reshape(shapes[k])
        at += n
    return p


def check_n(p, grads, X, Y, epsilon=EPSILON):
    shapes = {k: p[k].shape for k in ORDER}
    theta = to_vector(p)
    grad = to_vector(grads)
    n = theta.size
    j_plus, j_minus, gradapprox = np.zeros(n), np.zeros(n), np.zeros(n)
    for i in range(n):
        thetaplus = np.copy(theta)
        thetaplus[i] = thetaplus[i] + epsilon
        j_plus[i], _ = forward(X, Y, from_vector(thetaplus, shapes))
        thetaminus = np.copy(theta)
        thetaminus[i] = thetaminus[i] - epsilon
        j_minus[i], _ = forward(X, Y, from_vector(thetaminus, shapes))
        gradapprox[i] = (j_plus[i] - j_minus[i]) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return grad, gradapprox, j_plus, j_minus, difference


def main():
    out.write("# The course's gradient check (deep learning specialization, 'Gradient Checking'), computed with numpy "
              + np.__version__ + " by make_fixture.py. epsilon = 1e-7.\n")
    x, theta = 2.0, 4.0
    jp, jm, g, ga, diff = one_dim(x, theta)
    print("1-D", diff, file=sys.stderr)
    out.write("# 1-D: J = theta * x\n")
    emit("oneDim.x", [x]); emit("oneDim.theta", [theta]); emit("oneDim.epsilon", [EPSILON])
    emit("oneDim.jPlus", [jp]); emit("oneDim.jMinus", [jm])
    emit("oneDim.grad", [g]); emit("oneDim.gradapprox", [ga]); emit("oneDim.difference", [diff])

    np.random.seed(1)   # the notebook's gradient_check_n test case
    X = np.random.randn(4, 3)
    Y = np.array([[1., 1., 0.]])
    p = {"W1": np.random.randn(5, 4), "b1": np.random.randn(5, 1), "W2": np.random.randn(3, 5),
         "b2": np.random.randn(3, 1), "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}
    out.write("# the 3-layer net 4-5-3-1, m = 3 examples as columns; theta = W1,b1,W2,b2,W3,b3 row-major\n")
    emit("net.X", X); emit("net.Y", Y)
    for k in ORDER:
        emit("net." + k, p[k])
    emit("net.theta", to_vector(p))
    cost, cache = forward(X, Y, p)
    emit("net.cost", [cost])
    offsets = np.cumsum([0] + [p[k].size for k in ORDER])
    for name, buggy in (("correct", False), ("buggy", True)):
        grads = backward(X, Y, p, cache, buggy)
        grad, ga, jp, jm, diff = check_n(p, grads, X, Y)
        out.write("# " + name + " backprop" + (" (dW2 doubled, db1 with 4./m)" if buggy else "") + "\n")
        emit(name + ".grad", grad); emit(name + ".gradapprox", ga)
        emit(name + ".jPlus", jp); emit(name + ".jMinus", jm)
        emit(name + ".difference", [diff])
        for b, k in enumerate(ORDER):   # the same formula over one block's coordinates
            s = slice(offsets[b], offsets[b + 1])
            d = np.linalg.norm(grad[s] - ga[s]) / (np.linalg.norm(grad[s]) + np.linalg.norm(ga[s]))
            emit(name + ".difference.d" + k, [d])
        print(name, diff, file=sys.stderr)
    global CORRECTLY_ROUNDED
    CORRECTLY_ROUNDED = False
    out.write("# for information only: the same checks with numpy's own np.exp/np.log (not correctly rounded on every CPU)\n")
    for name, buggy in (("correct", False), ("buggy", True)):
        cost, cache = forward(X, Y, p)
        diff = check_n(p, backward(X, Y, p, cache, buggy), X, Y)[4]
        emit("numpyNative." + name + ".difference", [diff])
    CORRECTLY_ROUNDED = True


if __name__ == "__main__":
    main()
