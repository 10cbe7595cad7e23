package dev.gradcheck;

/** Which coordinates of θ a check evaluates: all of them, or one shard of a split check. */
interface EntrySelection {

    EntrySelection ALL = (block, index) -> true;

    boolean includes(int block, int index);

    /** The coordinates [from, to) of θ in flattened order, over blocks of the given sizes. */
    static EntrySelection range(java.util.List<ParameterBlock> blocks, long from, long to) {
        long[] offsets = new long[blocks.size()];
        long total = 0;
        for (int b = 0; b < blocks.size(); b++) {
            offsets[b] = total;
            total += blocks.get(b).size();
        }
        return (block, index) -> {
            long global = offsets[block] + index;
            return global >= from && global < to;
        };
    }
}
