package io.insurebridge.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Hostile variants of a valid HL7 message, reproducible from a seed. Each variant gets its own control id first,
 * so a mutation is never answered as a duplicate of another.
 */
final class Hl7Mutator {

    enum Kind { BIT_FLIP, TRUNCATE, WRONG_SEPARATORS, HUGE_FIELD, BAD_ENCODING, TOO_MANY_SEGMENTS, TOO_MANY_FIELDS,
        GARBAGE, EMPTY_OR_BARE_MSH, FRAMING, OVERSIZED_FRAME }

    private final Random random;
    private final int maxFrameBytes;

    Hl7Mutator(long seed, int maxFrameBytes) {
        this.random = new Random(seed);
        this.maxFrameBytes = maxFrameBytes;
    }

    Kind pick() {
        int n = random.nextInt(100);
        if (n < 1) {
            return Kind.FRAMING;           // fresh connection each: the stream itself is broken
        }
        if (n < 3) {
            return Kind.OVERSIZED_FRAME;   // the listener resets the connection
        }
        Kind[] inFrame = {Kind.BIT_FLIP, Kind.BIT_FLIP, Kind.BIT_FLIP, Kind.TRUNCATE, Kind.TRUNCATE,
            Kind.WRONG_SEPARATORS, Kind.HUGE_FIELD, Kind.BAD_ENCODING, Kind.TOO_MANY_SEGMENTS, Kind.TOO_MANY_FIELDS,
            Kind.GARBAGE, Kind.EMPTY_OR_BARE_MSH};
        return inFrame[random.nextInt(inFrame.length)];
    }

    /**
     * The payload (without MLLP framing, except for FRAMING which brings its own bytes). In-frame kinds never
     * contain the MLLP block bytes: a stray end block would split the frame, which is the FRAMING kind's job.
     */
    byte[] mutate(String valid, String controlId, Kind kind) {
        byte[] b = mutateRaw(valid, controlId, kind);
        if (kind != Kind.FRAMING) {
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0x0b || b[i] == 0x1c) {
                    b[i] = 'x';
                }
            }
        }
        return b;
    }

    private byte[] mutateRaw(String valid, String controlId, Kind kind) {
        String text = valid.replaceFirst("\\|FUZZ-CONTROL\\|", "|" + controlId + "|");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case BIT_FLIP -> {
                byte[] b = bytes.clone();
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    int at = random.nextInt(b.length);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
                yield b;
            }
            case TRUNCATE -> java.util.Arrays.copyOf(bytes, 8 + random.nextInt(bytes.length - 8));
            case WRONG_SEPARATORS -> switch (random.nextInt(4)) {
                case 0 -> text.replace('|', '#').getBytes(StandardCharsets.UTF_8);
                case 1 -> text.replace("\r", "").getBytes(StandardCharsets.UTF_8);
                case 2 -> text.replace('^', '|').getBytes(StandardCharsets.UTF_8);
                default -> text.replace("MSH|^~\\&", "MSH^|~&\\").getBytes(StandardCharsets.UTF_8);
            };
            case HUGE_FIELD -> text.replaceFirst("\\|张伟\\|", "|" + "张".repeat(2_000 + random.nextInt(15_000)) + "|")
                    .getBytes(StandardCharsets.UTF_8);
            case BAD_ENCODING -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = random.nextInt(bytes.length);
                out.write(bytes, 0, at);
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xE2, (byte) 0x82},
                    {(byte) 0xF0, (byte) 0x9F, (byte) 0x92}, {0x00}};
                out.writeBytes(bad[random.nextInt(bad.length)]);
                out.write(bytes, at, bytes.length - at);
                byte[] b = out.toByteArray();
                yield random.nextBoolean() ? b
                        : new String(b, StandardCharsets.ISO_8859_1).replace("UNICODE UTF-8", "GB 18030-2000")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case TOO_MANY_SEGMENTS -> (text + "NTE|1||fuzz\r".repeat(1_001 + random.nextInt(2_000)))
                    .getBytes(StandardCharsets.UTF_8);
            case TOO_MANY_FIELDS -> text.replaceFirst("\rEVN\\|", "\rEVN" + "|x".repeat(251 + random.nextInt(2_000)) + "|")
                    .getBytes(StandardCharsets.UTF_8);
            case GARBAGE -> {
                byte[] b = new byte[1 + random.nextInt(4_000)];
                random.nextBytes(b);
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == 0x0b || b[i] == 0x1c) {
                        b[i] = 'x';   // framing bytes belong to the FRAMING kind
                    }
                }
                yield b;
            }
            case EMPTY_OR_BARE_MSH -> (random.nextBoolean() ? "MSH" : "MSH|").getBytes(StandardCharsets.UTF_8);
            case FRAMING -> framing(bytes);
            case OVERSIZED_FRAME -> {
                byte[] b = new byte[maxFrameBytes + 1 + random.nextInt(maxFrameBytes)];
                java.util.Arrays.fill(b, (byte) 'A');
                System.arraycopy(bytes, 0, b, 0, bytes.length);
                yield b;
            }
        };
    }

    /** Whole byte streams with broken MLLP framing (the caller sends them as they are). */
    private byte[] framing(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(6)) {
            case 5 -> { out.write(0x0b); out.write(0x1c); out.write(0x0d); }                 // an empty frame
            case 0 -> { out.writeBytes("garbage before the block".getBytes()); frame(out, payload); }
            case 1 -> { out.write(0x0b); out.writeBytes(payload); out.write(0x1c); }           // no final CR
            case 2 -> { out.write(0x0b); out.write(0x0b); out.writeBytes(payload); out.write(0x1c); out.write(0x0d); }
            case 3 -> { // an end block in the middle: two frames, the second without a start
                int cut = payload.length / 2;
                out.write(0x0b); out.write(payload, 0, cut); out.write(0x1c); out.write(0x0d);
                out.write(payload, cut, payload.length - cut); out.write(0x1c); out.write(0x0d);
            }
            default -> { out.writeBytes(payload); out.write(0x1c); out.write(0x0d); }         // no start block
        }
        return out.toByteArray();
    }

    static void frame(ByteArrayOutputStream out, byte[] payload) {
        out.write(0x0b);
        out.writeBytes(payload);
        out.write(0x1c);
        out.write(0x0d);
    }
}
