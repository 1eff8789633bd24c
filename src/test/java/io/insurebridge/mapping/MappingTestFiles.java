package io.insurebridge.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Copies the shipped demo mappings into a temp dir so tests can break or extend them. */
final class MappingTestFiles {
    static final Path DEMO = Path.of("mappings");

    private MappingTestFiles() {}

    static Path copyDemoTo(Path target) {
        try (Stream<Path> files = Files.list(DEMO)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName().toString()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces physical line {@code line} (1-based) of a file. */
    static void replaceLine(Path file, int line, String content) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            lines.set(line - 1, content);
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String line(Path file, int line) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).get(line - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
