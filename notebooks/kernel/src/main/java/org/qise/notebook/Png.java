package org.qise.notebook;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.util.Base64;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;

/**
 * Draws an SVG picture as PNG with Apache Batik. Every picture the notebook shows travels in
 * both forms: browsers use the SVG, while HTML handouts made by Debian's nbconvert (which
 * strips SVG) and plain image viewers use the PNG.
 */
public final class Png {
    /** The MIME type Jupyter expects, with base64 content. */
    public static final String MIME = "image/png";

    private Png() {}

    /** The PNG bytes of {@code svg}, at the size the SVG declares. */
    public static byte[] fromSvg(String svg) {
        PNGTranscoder transcoder = new PNGTranscoder();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            transcoder.transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(png));
        } catch (TranscoderException e) {
            throw new IllegalArgumentException("cannot draw the SVG as PNG: " + e.getMessage(), e);
        }
        return png.toByteArray();
    }

    /** {@link #fromSvg} in base64, as Jupyter carries images. */
    public static String base64FromSvg(String svg) {
        return Base64.getEncoder().encodeToString(fromSvg(svg));
    }
}
