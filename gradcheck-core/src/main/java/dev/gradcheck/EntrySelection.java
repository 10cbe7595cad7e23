package dev.gradcheck;

/** Which coordinates of θ a check evaluates: all of them, or one shard of a split check. */
interface EntrySelection {

    EntrySelection ALL = (block, index) -> true;

    boolean includes(int block, int index);
}
