/*
 * Handle.java: ownership of one C handle. close() frees it at once and only
 * once; a java.lang.ref.Cleaner frees it if the owner becomes unreachable
 * without close() (a safety net, not a schedule: close what you open). The
 * cleaning action holds the pointer and the free function only, never the
 * owner, or the owner could not become unreachable.
 */
package nomen;

import java.lang.ref.Cleaner;
import java.util.function.LongConsumer;

final class Handle implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();

    private long ptr;
    private final LongConsumer free;

    private Handle(long ptr, LongConsumer free) {
        this.ptr = ptr;
        this.free = free;
    }

    /** Register ptr, freed by free when owner is closed or collected. */
    static Cleaner.Cleanable register(Object owner, long ptr, LongConsumer free, Handle[] out) {
        Handle h = new Handle(ptr, free);
        out[0] = h;
        return CLEANER.register(owner, h);
    }

    /** The pointer, or 0 once freed. */
    synchronized long get() {
        return ptr;
    }

    @Override
    public synchronized void run() {
        if (ptr != 0) {
            free.accept(ptr);
            ptr = 0;
        }
    }
}
