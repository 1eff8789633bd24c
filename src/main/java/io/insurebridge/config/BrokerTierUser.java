package io.insurebridge.config;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The one account of a broker-tier server: the instances and the other broker of the pair log in with the cluster
 * user and password. A broker reachable over the network must not take anonymous producers or consumers, and the
 * only clients of this broker are our own instances, so one account with every right is the whole policy.
 */
final class BrokerTierUser implements ActiveMQSecurityManager {

    private final String user;
    private final byte[] password;

    BrokerTierUser(String user, String password) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean validateUser(String user, String password) {
        // constant-time comparison: the answer's timing does not tell how much of a guess was right
        return this.user.equals(user) && password != null
                && MessageDigest.isEqual(this.password, password.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return validateUser(user, password);
    }
}
