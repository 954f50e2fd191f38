package dev.weft.odf.hash;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Multibase string forms of binary values: {@code f} (base16 lower, the ODF canonical form), {@code F} (base16
 * upper), {@code z} (base58btc) and {@code u} (base64url without padding) on input.
 */
public final class Multibase {
    private static final String BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

    private Multibase() {}

    /** Encodes as base16 lower case with the {@code f} prefix. */
    public static String encodeBase16(byte[] bytes) {
        return "f" + HexFormat.of().formatHex(bytes);
    }

    /** Encodes as base58btc with the {@code z} prefix. */
    public static String encodeBase58(byte[] bytes) {
        return "z" + base58(bytes);
    }

    /**
     * Decodes any supported multibase string.
     *
     * @throws IllegalArgumentException naming the problem when the prefix or digits are invalid
     */
    public static byte[] decode(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty multibase string");
        }
        final String body = text.substring(1);
        switch (text.charAt(0)) {
            case 'f':
            case 'F':
                if (body.length() % 2 != 0) {
                    throw new IllegalArgumentException("odd number of base16 digits in '" + text + "'");
                }
                try {
                    return HexFormat.of().parseHex(body.toLowerCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid base16 digit in '" + text + "'", e);
                }
            case 'z':
                return decodeBase58(body, text);
            case 'u':
                try {
                    return Base64.getUrlDecoder().decode(body);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid base64url in '" + text + "'", e);
                }
            default:
                throw new IllegalArgumentException(
                        "unsupported multibase prefix '" + text.charAt(0) + "' in '" + text + "' (expected f, z or u)");
        }
    }

    private static String base58(byte[] bytes) {
        final StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            final BigInteger[] qr = n.divideAndRemainder(FIFTY_EIGHT);
            out.append(BASE58_ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    private static byte[] decodeBase58(String body, String original) {
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < body.length(); i++) {
            final int digit = BASE58_ALPHABET.indexOf(body.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base58 digit '" + body.charAt(i) + "' in '" + original + "'");
            }
            n = n.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = n.toByteArray();
        if (magnitude.length > 1 && magnitude[0] == 0) {
            magnitude = java.util.Arrays.copyOfRange(magnitude, 1, magnitude.length);
        } else if (n.signum() == 0) {
            magnitude = new byte[0];
        }
        int leadingZeros = 0;
        while (leadingZeros < body.length() && body.charAt(leadingZeros) == '1') {
            leadingZeros++;
        }
        final byte[] out = new byte[leadingZeros + magnitude.length];
        System.arraycopy(magnitude, 0, out, leadingZeros, magnitude.length);
        return out;
    }
}
