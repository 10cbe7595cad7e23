package dev.gradcheck;

/** How entries are named in messages: {@code W2[1,0]} (row 1, column 0). */
final class Entries {
    private Entries() {
    }

    static String name(ParameterBlock block, int i) {
        return block.name() + "[" + (i / block.cols()) + "," + (i % block.cols()) + "]";
    }

    static String name(String block, int cols, int i) {
        return block + "[" + (i / cols) + "," + (i % cols) + "]";
    }
}
