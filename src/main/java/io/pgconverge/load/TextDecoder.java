package io.pgconverge.load;

import io.pgconverge.model.Diagnostic;
import io.pgconverge.model.InputException;
import io.pgconverge.model.Mark;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that names the position of the first byte that is not UTF-8. */
final class TextDecoder {
    private TextDecoder() {
    }

    static String decode(String file, byte[] bytes) {
        int start = hasBom(bytes) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int bad = bytes[in.position()] & 0xff;
            throw new InputException(new Diagnostic(markAt(file, before, before.length()),
                    String.format("byte 0x%02X is not valid UTF-8; save the file as UTF-8", bad)));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static boolean hasBom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
    }

    /** The 1-based line and column (in characters) of a char index into text. */
    static Mark markAt(String file, String text, int index) {
        int line = 1;
        int column = 1;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(text.charAt(i))) {
                column++;
            }
        }
        return new Mark(file, line, column);
    }
}
