package io.insurebridge.mapping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** insurebridge.mapping.*: hot reload of the mappings directory (the directory itself is insurebridge.mappings-dir). */
@ConfigurationProperties(prefix = "insurebridge.mapping")
public class MappingProperties {
    /** How often the files' size and modification time are compared with the version in force. */
    private Duration reloadInterval = Duration.ofSeconds(2);
    /** False = load once at start; POST /api/mappings/reload still works. */
    private boolean hotReload = true;

    public Duration getReloadInterval() { return reloadInterval; }
    public void setReloadInterval(Duration reloadInterval) { this.reloadInterval = reloadInterval; }
    public boolean isHotReload() { return hotReload; }
    public void setHotReload(boolean hotReload) { this.hotReload = hotReload; }
}
