package com.hubble.kit.reference.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The in-memory log of every exchange, in arrival order; the grading API of the sandbox. */
public final class ExchangeRecorder {
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Consumer<RecordedExchange>> listeners = new CopyOnWriteArrayList<>();

    int nextSequence() {
        return sequence.incrementAndGet();
    }

    void record(RecordedExchange exchange) {
        exchanges.add(exchange);
        listeners.forEach(listener -> listener.accept(exchange));
    }

    /** Calls {@code listener} with every exchange from now on, as it is recorded (e.g. to print a live log). */
    public void subscribe(Consumer<RecordedExchange> listener) {
        listeners.add(listener);
    }

    /** Every exchange recorded so far, in arrival order. */
    public List<RecordedExchange> exchanges() {
        List<RecordedExchange> sorted = new ArrayList<>(exchanges);
        sorted.sort(Comparator.comparingInt(RecordedExchange::sequence));
        return List.copyOf(sorted);
    }

    public void clear() {
        exchanges.clear();
    }
}
