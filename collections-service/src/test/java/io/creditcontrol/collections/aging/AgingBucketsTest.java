package io.creditcontrol.collections.aging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class AgingBucketsTest {

    final AgingBuckets standard = new AgingBuckets(List.of(30, 60, 90));

    @Test
    void theStandardBucketsAreCurrentThenThirtyDayBandsThenNinetyPlus() {
        assertEquals(List.of("current", "1-30", "31-60", "61-90", "90+"),
                java.util.stream.IntStream.range(0, standard.size()).mapToObj(standard::label).toList());
    }

    @Test
    void eachBoundaryDayFallsInTheLowerBucket() {
        assertEquals(0, standard.bucketOf(-5));
        assertEquals(0, standard.bucketOf(0));
        assertEquals(1, standard.bucketOf(1));
        assertEquals(1, standard.bucketOf(30));
        assertEquals(2, standard.bucketOf(31));
        assertEquals(3, standard.bucketOf(90));
        assertEquals(4, standard.bucketOf(91));
    }

    @Test
    void otherBoundariesGiveOtherBuckets() {
        AgingBuckets weekly = new AgingBuckets(List.of(7, 14));
        assertEquals("8-14", weekly.label(2));
        assertEquals("14+", weekly.label(3));
        assertEquals(3, weekly.bucketOf(15));
    }

    @Test
    void dueDateCutoffsCountBackFromTheReportDate() {
        assertEquals(List.of(LocalDate.parse("2026-12-31"), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-10-02")), standard.dueDateCutoffs(LocalDate.parse("2026-12-31")));
    }

    @Test
    void boundariesMustAscend() {
        assertThrows(IllegalArgumentException.class, () -> new AgingBuckets(List.of(60, 30)));
    }
}
