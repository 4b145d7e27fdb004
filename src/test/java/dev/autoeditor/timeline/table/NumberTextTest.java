package dev.autoeditor.timeline.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class NumberTextTest {
    @Test
    void wholeNumbersHaveNoDecimalPoint() {
        assertEquals("100", NumberText.format(100.0));
        assertEquals("-1", NumberText.format(-1.0));
        assertEquals("0", NumberText.format(0.0));
        assertEquals("0", NumberText.format(-0.0));
        assertEquals("6000", NumberText.format(6000));
    }

    @Test
    void othersKeepUpToSixDecimals() {
        assertEquals("0.125", NumberText.format(0.125));
        assertEquals("-0.25", NumberText.format(-0.25));
        assertEquals("0.333333", NumberText.format(1.0 / 3));
        assertEquals("0.666667", NumberText.format(2.0 / 3));
        assertEquals("200.2", NumberText.format(6000 * 1001 / 30000.0));
        assertEquals("200.233367", NumberText.format(6001 * 1001 / 30000.0)); // 200.2333666...
        assertEquals("0.000001", NumberText.format(0.0000009));
        assertEquals("0", NumberText.format(0.0000004));
        assertEquals("0", NumberText.format(-0.0000004));
        assertEquals("2", NumberText.format(1.9999999));
        assertEquals("-12.5", NumberText.format(-12.5));
    }

    /** Reading the text back gives the value to within half a millionth. */
    @Property(tries = 500)
    void roundTripsWithinHalfAMillionth(@ForAll @DoubleRange(min = -1e6, max = 1e6) double v) {
        double back = Double.parseDouble(NumberText.format(v));
        assertEquals(v, back, 0.5e-6 + Math.ulp(v) * 4);
    }
}
