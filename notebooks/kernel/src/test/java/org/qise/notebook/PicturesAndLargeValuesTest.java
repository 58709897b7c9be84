package org.qise.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;

/** Pictures travel as SVG and PNG; large values are shown abbreviated. */
class PicturesAndLargeValuesTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static BufferedImage png(MimeBundle bundle) throws IOException {
        String base64 = bundle.get(Png.MIME);
        assertNotNull(base64, "no PNG in " + bundle.data().keySet());
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    @Test
    void aPlotCarriesAPngOfItsSvgAtTheSameSizeWithItsLineDrawn() throws IOException {
        Plot plot = Plot.of("rising", "x", "y").series("line", new double[] {0, 1, 2}, new double[] {0, 1, 2});
        MimeBundle bundle = Renderers.render(plot);
        assertTrue(bundle.get(MimeBundle.SVG).contains("<svg"));
        BufferedImage image = png(bundle);
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("width=\"(\\d+)\" height=\"(\\d+)\"").matcher(bundle.get(MimeBundle.SVG));
        assertTrue(size.find());
        assertEquals(Integer.parseInt(size.group(1)), image.getWidth());
        assertEquals(Integer.parseInt(size.group(2)), image.getHeight());
        // The series colour (#1f5fa8) appears in the drawing: it is really drawn, not blank.
        boolean blue = false;
        for (int x = 0; x < image.getWidth() && !blue; x++) {
            for (int y = 0; y < image.getHeight() && !blue; y++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue = Math.abs(((rgb >> 16) & 0xFF) - 0x1f) < 12 && Math.abs(((rgb >> 8) & 0xFF) - 0x5f) < 12
                        && Math.abs((rgb & 0xFF) - 0xa8) < 12;
            }
        }
        assertTrue(blue, "the series line is not in the PNG");
        // HTML, which exporters rank above SVG, shows the same PNG at the picture's size.
        assertEquals("<img src=\"data:image/png;base64," + bundle.get(Png.MIME) + "\" width=\"" + image.getWidth()
                + "\" height=\"" + image.getHeight() + "\" alt=\"picture\">", bundle.get(MimeBundle.HTML));
    }

    @Test
    void circuitsAndRawSvgAlsoCarryAPng() throws IOException {
        Circuit bell = Circuit.builder(2, 2).h(0).cx(0, 1).measureAll().build();
        assertTrue(png(Renderers.render(bell)).getWidth() > 50);
        assertEquals(30, png(Renderers.render(Display.svg(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"20\"><rect width=\"30\" height=\"20\"/></svg>")))
                .getWidth());
    }

    @ParameterizedTest(name = "{0} elements show as: {1}")
    @CsvSource(delimiter = '|', value = {
        "3   | [0.0, 1.0, 2.0]",
        "64  | [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0, 60.0, 61.0, 62.0, 63.0]",
        "65  | double[65], first 16 shown: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, …]",
        "2000000 | double[2,000,000], first 16 shown: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, …]"})
    void longArraysShowTheirFirstElementsAndTheirLength(int length, String expected) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) values[i] = i;
        assertEquals(expected, Renderers.render(values).get(MimeBundle.TEXT));
    }

    @Test
    void longTextIsCutSayingHowLongItWas() {
        String text = Renderers.render("a".repeat(50_000)).get(MimeBundle.TEXT);
        assertEquals("a".repeat(Renderers.LONG_TEXT) + "… (50,000 characters in all)", text);
    }
}
