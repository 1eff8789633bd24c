package io.insurebridge.mapping;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Holds the mapping version in force. Loads at construction (a bad file fails the start-up with file:line), then
 * polls the files' size and modification time and swaps in a new snapshot atomically. A failed reload keeps the
 * old snapshot serving and records the error.
 */
@Component
public class MappingRepository implements MappingSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MappingRepository.class);

    /**
     * Files modified this recently may have been edited again within the file system's timestamp granularity
     * without a size change, so their content is compared too (git's "racily clean" problem).
     */
    private static final Duration RACY_WINDOW = Duration.ofSeconds(3);

    /** Everything a reader or the console needs, swapped as one value. */
    private record State(LoadedMappings loaded, MappingLoadError lastError, Instant lastAttemptAt,
                         List<String> fingerprint, String attemptedContent) {}

    private final MappingLoader loader;
    private final Path dir;
    private final Duration interval;
    private final boolean hotReload;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>();
    private final List<Consumer<MappingSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService poller;

    @Autowired
    public MappingRepository(MappingLoader loader, MappingProperties properties,
                             @Value("${insurebridge.mappings-dir:./mappings}") String dir) {
        this(loader, Path.of(dir), properties.getReloadInterval(), properties.isHotReload(), Clock.systemUTC());
    }

    public MappingRepository(MappingLoader loader, Path dir, Duration interval, boolean hotReload, Clock clock) {
        this.loader = loader;
        this.dir = dir.toAbsolutePath().normalize();
        this.interval = interval;
        this.hotReload = hotReload;
        this.clock = clock;
        List<String> fingerprint = fingerprint();
        LoadedMappings first = loader.loadWithFiles(this.dir); // throws: no start-up on bad mappings
        state.set(new State(first, null, clock.instant(), fingerprint, first.snapshot().checksum()));
        log.info("Mappings loaded from {}: {} (checksum {})", this.dir, MappingStatus.counts(first.snapshot()),
                first.snapshot().checksum());
    }

    @PostConstruct
    public synchronized void start() {
        if (hotReload && poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mapping-reload");
                t.setDaemon(true);
                return t;
            });
            long millis = Math.max(50, interval.toMillis());
            poller.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public MappingSnapshot current() {
        return state.get().loaded().snapshot();
    }

    /** Called after every successful swap with the new snapshot (e.g. to re-check open mapping gaps). */
    public void onReload(Consumer<MappingSnapshot> listener) {
        listeners.add(listener);
    }

    public Path directory() {
        return dir;
    }

    public MappingStatus status() {
        State s = state.get();
        MappingSnapshot snapshot = s.loaded().snapshot();
        return new MappingStatus(dir.toString(), snapshot.checksum(), snapshot.loadedAt(),
                MappingStatus.counts(snapshot), s.loaded().files(), s.lastError(), s.lastAttemptAt());
    }

    /**
     * Poll step: reload when a file's size or modification time differs from the last attempt's, or when a
     * recently modified file's content does.
     */
    void reloadIfChanged() {
        try {
            State s = state.get();
            if (!fingerprint().equals(s.fingerprint())
                    || (recentlyModified() && !MappingLoader.contentChecksum(dir).equals(s.attemptedContent()))) {
                reload();
            }
        } catch (RuntimeException e) {
            log.warn("Mapping reload poll failed", e); // keep polling: the scheduler stops on an escaped exception
        }
    }

    /** Loads the directory now; on success swaps the snapshot in, on failure keeps the old one serving. */
    public synchronized ReloadResult reload() {
        State before = state.get();
        // fingerprint first: a file written during the load shows up as changed at the next poll
        List<String> fingerprint = fingerprint();
        String content = MappingLoader.contentChecksum(dir);
        Instant attemptAt = clock.instant();
        LoadedMappings loaded;
        try {
            loaded = loader.loadWithFiles(dir);
        } catch (MappingLoadException e) {
            MappingLoadError error = MappingLoadError.of(e, attemptAt);
            state.set(new State(before.loaded(), error, attemptAt, fingerprint, content));
            log.warn("Mapping reload failed, version {} stays in force: {}", before.loaded().snapshot().checksum(),
                    e.getMessage());
            return new ReloadResult(false, false, error, status());
        }
        boolean changed = !loaded.snapshot().checksum().equals(before.loaded().snapshot().checksum());
        state.set(new State(changed ? loaded : before.loaded(), null, attemptAt, fingerprint, content));
        if (changed) {
            log.info("Mappings reloaded: {} (checksum {})", MappingStatus.counts(loaded.snapshot()),
                    loaded.snapshot().checksum());
            for (Consumer<MappingSnapshot> listener : listeners) {
                try {
                    listener.accept(loaded.snapshot());
                } catch (RuntimeException e) {
                    log.warn("Mapping reload listener failed", e);
                }
            }
        }
        return new ReloadResult(true, changed, null, status());
    }

    private boolean recentlyModified() {
        Instant threshold = clock.instant().minus(RACY_WINDOW);
        for (String name : MappingLoader.FILES) {
            try {
                if (Files.getLastModifiedTime(dir.resolve(name)).toInstant().isAfter(threshold)) {
                    return true;
                }
            } catch (IOException absent) {
                // an absent file is covered by the fingerprint
            }
        }
        return false;
    }

    /** name:size:mtime of every mapping file (absent files included, so a deletion counts as a change). */
    private List<String> fingerprint() {
        List<String> result = new ArrayList<>();
        for (String name : MappingLoader.FILES) {
            Path f = dir.resolve(name);
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                result.add(name + ":" + a.size() + ":" + a.lastModifiedTime().toInstant());
            } catch (IOException e) {
                result.add(name + ":absent");
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "MappingRepository[" + dir + ", " + Objects.requireNonNull(state.get()).loaded().snapshot()
                .checksum() + "]";
    }
}
