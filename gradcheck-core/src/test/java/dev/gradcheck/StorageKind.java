package dev.gradcheck;

import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.ejml.data.DMatrixRMaj;

/**
 * The storage kinds users' models hold W (units × inputs) and b in, each with its own blocks and its own way of
 * handing in gradients. {@link Model} runs {@link TanhLayer}'s math on the kind's storage through
 * {@link #w(int, int)}, so a block that were not live would show as a wrong numerical gradient.
 */
enum StorageKind {
    FLAT {
        Store store(double[][] w0, double[] b0) {
            return new Store() {
                final int cols = w0[0].length;
                final double[] w = flat(w0);
                final double[] b = b0.clone();

                public double w(int u, int i) {
                    return w[u * cols + i];
                }

                public void w(int u, int i, double v) {
                    w[u * cols + i] = v;
                }

                public double b(int u) {
                    return b[u];
                }

                public void b(int u, double v) {
                    b[u] = v;
                }

                public List<ParameterBlock> blocks() {
                    return List.of(ParameterBlock.of("W", w0.length, cols, w), ParameterBlock.of("b", b.length, 1, b));
                }

                public void put(Gradients.Builder g, double[][] dW, double[][] db) {
                    g.put("W", flat(dW)).put("b", flat(db));
                }
            };
        }
    },
    JAGGED {
        Store store(double[][] w0, double[] b0) {
            return new Store() {
                final double[][] w = deep(w0);
                final double[] b = b0.clone();

                public double w(int u, int i) {
                    return w[u][i];
                }

                public void w(int u, int i, double v) {
                    w[u][i] = v;
                }

                public double b(int u) {
                    return b[u];
                }

                public void b(int u, double v) {
                    b[u] = v;
                }

                public List<ParameterBlock> blocks() {
                    return List.of(ParameterBlock.of("W", w), ParameterBlock.of("b", b.length, 1, b));
                }

                public void put(Gradients.Builder g, double[][] dW, double[][] db) {
                    g.put("W", dW).put("b", db);
                }
            };
        }
    },
    /** The model keeps w[input][unit]; the report shows W units × inputs. */
    TRANSPOSED {
        Store store(double[][] w0, double[] b0) {
            return new Store() {
                final double[][] wInOut = transpose(w0);
                final double[] b = b0.clone();

                public double w(int u, int i) {
                    return wInOut[i][u];
                }

                public void w(int u, int i, double v) {
                    wInOut[i][u] = v;
                }

                public double b(int u) {
                    return b[u];
                }

                public void b(int u, double v) {
                    b[u] = v;
                }

                public List<ParameterBlock> blocks() {
                    return List.of(ParameterBlock.ofTransposed("W", wInOut), ParameterBlock.of("b", b.length, 1, b));
                }

                public void put(Gradients.Builder g, double[][] dW, double[][] db) {
                    // The model's own gradient has its own orientation, dw[input][unit].
                    g.putTransposed("W", transpose(dW)).put("b", db);
                }
            };
        }
    },
    /** One object per unit holding its input weights and bias, behind getters and setters. */
    ACCESSOR {
        Store store(double[][] w0, double[] b0) {
            return new Store() {
                final Neuron[] neurons = neurons(w0, b0);

                public double w(int u, int i) {
                    return neurons[u].weight(i);
                }

                public void w(int u, int i, double v) {
                    neurons[u].weight(i, v);
                }

                public double b(int u) {
                    return neurons[u].bias();
                }

                public void b(int u, double v) {
                    neurons[u].bias(v);
                }

                public List<ParameterBlock> blocks() {
                    return List.of(ParameterBlock.of("W", neurons.length, w0[0].length, (r, c) -> neurons[r].weight(c),
                                    (r, c, v) -> neurons[r].weight(c, v)),
                            ParameterBlock.of("b", neurons.length, 1, (r, c) -> neurons[r].bias(),
                                    (r, c, v) -> neurons[r].bias(v)));
                }

                public void put(Gradients.Builder g, double[][] dW, double[][] db) {
                    g.put("W", dW.length, dW[0].length, (r, c) -> dW[r][c]).put("b", db.length, 1, (r, c) -> db[r][0]);
                }
            };
        }
    },
    ARRAY2D {
        Store store(double[][] w0, double[] b0) {
            return matrices(new Array2DRowRealMatrix(w0), new Array2DRowRealMatrix(b0), false);
        }
    },
    /** 60 × 70 would cross BlockRealMatrix's 52 × 52 tiles; the layer's 2 × 3 is one tile (see AdaptedBlocksTest). */
    BLOCK {
        Store store(double[][] w0, double[] b0) {
            return matrices(new BlockRealMatrix(w0), new BlockRealMatrix(new double[][] {b0}).transpose(), false);
        }
    },
    /** RealMatrix fields replaced by every training step, seen through suppliers. */
    REPLACED {
        Store store(double[][] w0, double[] b0) {
            return matrices(MatrixUtils.createRealMatrix(w0), MatrixUtils.createColumnRealMatrix(b0), true);
        }
    },
    EJML {
        Store store(double[][] w0, double[] b0) {
            return new Store() {
                final DMatrixRMaj w = new DMatrixRMaj(w0);
                final DMatrixRMaj b = new DMatrixRMaj(b0);

                public double w(int u, int i) {
                    return w.get(u, i);
                }

                public void w(int u, int i, double v) {
                    w.set(u, i, v);
                }

                public double b(int u) {
                    return b.get(u, 0);
                }

                public void b(int u, double v) {
                    b.set(u, 0, v);
                }

                public List<ParameterBlock> blocks() {
                    return List.of(Ejml.block("W", w), Ejml.block("b", b));
                }

                public void put(Gradients.Builder g, double[][] dW, double[][] db) {
                    g.put("W", Ejml.gradient(new DMatrixRMaj(dW))).put("b", Ejml.gradient(new DMatrixRMaj(db)));
                }
            };
        }
    };

    abstract Store store(double[][] w0, double[] b0);

    /** The model's own storage, read and written in the course's orientation. */
    interface Store {
        double w(int u, int i);

        void w(int u, int i, double v);

        double b(int u);

        void b(int u, double v);

        List<ParameterBlock> blocks();

        void put(Gradients.Builder g, double[][] dW, double[][] db);

        /** One gradient-descent step as the model trains (REPLACED swaps in new matrices). */
        default void train(double[][] dW, double[][] db, double lr) {
            for (int u = 0; u < dW.length; u++) {
                for (int i = 0; i < dW[0].length; i++) {
                    w(u, i, w(u, i) - lr * dW[u][i]);
                }
                b(u, b(u) - lr * db[u][0]);
            }
        }
    }

    /** A Differentiable over one store; {@code bugAt} doubles one entry of dW (row, column), null for none. */
    static final class Model implements Differentiable, Trainable {
        final StorageKind kind;
        final TanhLayer layer;
        final Store store;
        final List<ParameterBlock> blocks;
        final int[] bugAt;
        int costCalls;
        int throwAtCall = -1;

        Model(StorageKind kind, TanhLayer layer, int[] bugAt) {
            this.kind = kind;
            this.layer = layer;
            this.store = kind.store(layer.initialW(5), layer.initialB(5));
            this.blocks = store.blocks();
            this.bugAt = bugAt;
        }

        @Override
        public List<ParameterBlock> parameters() {
            return blocks;
        }

        @Override
        public double cost() {
            if (++costCalls == throwAtCall) {
                throw new IllegalStateException("cost evaluation " + costCalls + " fails on purpose");
            }
            return layer.cost(store::w, (u, c) -> store.b(u));
        }

        @Override
        public Gradients gradients() {
            double[][] dW = layer.dW(store::w, (u, c) -> store.b(u));
            double[][] db = layer.db(store::w, (u, c) -> store.b(u));
            if (bugAt != null) {
                dW[bugAt[0]][bugAt[1]] *= 2;
            }
            Gradients.Builder g = Gradients.builder();
            store.put(g, dW, db);
            return g.build();
        }

        @Override
        public void train(int steps) {
            for (int s = 0; s < steps; s++) {
                store.train(layer.dW(store::w, (u, c) -> store.b(u)), layer.db(store::w, (u, c) -> store.b(u)), 0.3);
            }
        }

        /** Every entry of the model's own storage, as raw bits. */
        long[] bits() {
            long[] bits = new long[layer.units * (layer.inputs + 1)];
            int k = 0;
            for (int u = 0; u < layer.units; u++) {
                for (int i = 0; i < layer.inputs; i++) {
                    bits[k++] = Double.doubleToRawLongBits(store.w(u, i));
                }
                bits[k++] = Double.doubleToRawLongBits(store.b(u));
            }
            return bits;
        }

        @Override
        public String toString() {
            return kind.name();
        }
    }

    static final class Neuron {
        private final double[] weights;
        private double bias;

        Neuron(double[] weights, double bias) {
            this.weights = weights.clone();
            this.bias = bias;
        }

        double weight(int i) {
            return weights[i];
        }

        void weight(int i, double v) {
            weights[i] = v;
        }

        double bias() {
            return bias;
        }

        void bias(double v) {
            bias = v;
        }
    }

    static Neuron[] neurons(double[][] w, double[] b) {
        Neuron[] n = new Neuron[w.length];
        for (int u = 0; u < w.length; u++) {
            n[u] = new Neuron(w[u], b[u]);
        }
        return n;
    }

    private static Store matrices(RealMatrix w0, RealMatrix b0, boolean replacedOnUpdate) {
        return new Store() {
            RealMatrix w = w0;
            RealMatrix b = b0;

            public double w(int u, int i) {
                return w.getEntry(u, i);
            }

            public void w(int u, int i, double v) {
                w.setEntry(u, i, v);
            }

            public double b(int u) {
                return b.getEntry(u, 0);
            }

            public void b(int u, double v) {
                b.setEntry(u, 0, v);
            }

            public List<ParameterBlock> blocks() {
                return replacedOnUpdate ? List.of(ParameterBlock.of("W", () -> w), ParameterBlock.of("b", () -> b))
                        : List.of(ParameterBlock.of("W", w), ParameterBlock.of("b", b));
            }

            public void put(Gradients.Builder g, double[][] dW, double[][] db) {
                g.put("W", MatrixUtils.createRealMatrix(dW)).put("b", MatrixUtils.createRealMatrix(db));
            }

            @Override
            public void train(double[][] dW, double[][] db, double lr) {
                if (!replacedOnUpdate) {
                    Store.super.train(dW, db, lr);
                    return;
                }
                w = w.subtract(MatrixUtils.createRealMatrix(dW).scalarMultiply(lr));
                b = b.subtract(MatrixUtils.createRealMatrix(db).scalarMultiply(lr));
            }
        };
    }

    static double[] flat(double[][] a) {
        double[] f = new double[a.length * a[0].length];
        for (int r = 0; r < a.length; r++) {
            System.arraycopy(a[r], 0, f, r * a[0].length, a[0].length);
        }
        return f;
    }

    static double[][] deep(double[][] a) {
        double[][] d = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            d[r] = a[r].clone();
        }
        return d;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                t[c][r] = a[r][c];
            }
        }
        return t;
    }
}
