package com.hubble.kit.reference.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-memory log of every exchange, in arrival order; the grading API of the sandbox. */
public final class ExchangeRecorder {
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();

    int nextSequence() {
        return sequence.incrementAndGet();
    }

    void record(RecordedExchange exchange) {
        exchanges.add(exchange);
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
