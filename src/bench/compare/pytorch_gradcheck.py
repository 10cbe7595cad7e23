#!/usr/bin/env python3
"""PyTorch's torch.autograd.gradcheck on the reference networks, for docs/performance.md.

Same networks as `gradcheck.jar check`: relu hidden layers, sigmoid cross-entropy output (multi-label for several
outputs), L2 with lambda, He init, double precision, eps = 1e-7, synthetic batch. Prints one JSON line per
measurement: {"tool": "pytorch", "layers": ..., "parameters": ..., "mode": "full"|"fast", "seconds": ...}.
Run with Debian's python3-torch: /usr/bin/python3 pytorch_gradcheck.py [--fast] [--budget S] LAYERS...

Timing, as gradcheck's own `Measure check` does it: the first gradcheck call is timed cold ("first"). With --budget S
and a first call under 2 s, the call is repeated until S seconds or --repeat calls have been spent, the first half of
the calls counts as warm-up and "seconds" is the median of the second half ("best" its minimum). Without a budget
(the default) there is one call and "seconds" is that call. src/bench/compare/run.sh caps the process with timeout.
"""
import argparse
import json
import os
import time

import torch

torch.set_num_threads(os.cpu_count() or 1)


def network(layers, batch, lam, seed):
    g = torch.Generator().manual_seed(seed)
    params = []
    for l in range(1, len(layers)):
        w = torch.randn(layers[l], layers[l - 1], generator=g, dtype=torch.float64) * (2.0 / layers[l - 1]) ** 0.5
        b = torch.zeros(layers[l], 1, dtype=torch.float64)
        params += [w.requires_grad_(), b.requires_grad_()]
    x = torch.randn(layers[0], batch, generator=g, dtype=torch.float64)
    y = (torch.rand(layers[-1], batch, generator=g, dtype=torch.float64) > 0.5).double()

    def cost(*theta):
        a = x
        depth = len(theta) // 2
        for l in range(depth):
            z = theta[2 * l] @ a + theta[2 * l + 1]
            a = torch.relu(z) if l < depth - 1 else z
        # Sigmoid cross-entropy from logits, summed over outputs, averaged over the batch.
        loss = torch.nn.functional.binary_cross_entropy_with_logits(a, y, reduction="sum") / batch
        penalty = sum((theta[2 * l] ** 2).sum() for l in range(depth)) * lam / (2 * batch)
        return loss + penalty

    return cost, params


def main():
    p = argparse.ArgumentParser()
    p.add_argument("layers", nargs="+")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lam", type=float, default=0.7)
    p.add_argument("--fast", action="store_true")
    p.add_argument("--budget", type=float, default=0.0, help="seconds of repeated calls after the first (default 0)")
    p.add_argument("--repeat", type=int, default=2000, help="at most this many calls (default 2000)")
    args = p.parse_args()
    for spec in args.layers:
        layers = [int(v) for v in spec.split(",")]
        cost, params = network(layers, args.batch, args.lam, 1)
        n = sum(t.numel() for t in params)
        times = []
        ok = True
        while True:
            start = time.perf_counter()
            ok &= bool(torch.autograd.gradcheck(cost, tuple(params), eps=1e-7, atol=1e-5, rtol=1e-3,
                                                fast_mode=args.fast, raise_exception=False))
            times.append(time.perf_counter() - start)
            if times[0] >= 2 or sum(times) >= args.budget or len(times) >= args.repeat:
                break
        measured = sorted(times if len(times) == 1 else times[len(times) // 2:])
        print(json.dumps({"tool": "pytorch " + torch.__version__, "layers": spec, "parameters": n,
                          "mode": "fast" if args.fast else "full", "seconds": measured[len(measured) // 2],
                          "best": measured[0], "first": times[0], "runs": len(times), "passed": ok,
                          "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
