package io.creditcontrol.collections;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a free port. Tests read what it received
 * and stop it to see a send fail ({@link #stopSmtp()}, {@link #startSmtp()}).
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;
    private static volatile ServerSetup setup;

    @Override
    public Map<String, String> start() {
        setup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        startSmtp();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(setup.getPort()));
    }

    @Override
    public void stop() {
        stopSmtp();
    }

    public static GreenMail smtp() {
        return server;
    }

    public static synchronized void stopSmtp() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static synchronized void startSmtp() {
        if (server == null) {
            GreenMail mail = new GreenMail(setup);
            mail.start();
            server = mail;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
