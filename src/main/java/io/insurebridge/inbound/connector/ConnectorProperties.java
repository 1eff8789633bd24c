package io.insurebridge.inbound.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** insurebridge.connectors.*: watching the connectors folder (the folder itself is insurebridge.connectors-dir). */
@ConfigurationProperties(prefix = "insurebridge.connectors")
public class ConnectorProperties {
    /** False = read the folder once at start. */
    private boolean hotReload = true;
    /** How often the folder is read again. */
    private Duration reloadInterval = Duration.ofSeconds(2);
    /** How long a removed or replaced connector may take to finish its in-flight messages. */
    private Duration drainTimeout = Duration.ofSeconds(30);

    public boolean isHotReload() { return hotReload; }
    public void setHotReload(boolean hotReload) { this.hotReload = hotReload; }
    public Duration getReloadInterval() { return reloadInterval; }
    public void setReloadInterval(Duration reloadInterval) { this.reloadInterval = reloadInterval; }
    public Duration getDrainTimeout() { return drainTimeout; }
    public void setDrainTimeout(Duration drainTimeout) { this.drainTimeout = drainTimeout; }
}
