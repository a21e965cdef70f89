package io.creditcontrol.collections;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) in the test JVM. Tests read what it received, stop it to see a
 * send refused ({@link #stopSmtp()}), or put a silent server on its port to see a send time out
 * ({@link #silenceSmtp()}); {@link #startSmtp()} brings GreenMail back on the same port.
 *
 * <p>The server greets a new connection after {@link #GREETING_PAUSE_MILLIS}, as a server across
 * a network does (at least one round trip). GreenMail greets within microseconds, and the
 * Quarkus mailer's SMTP client (vertx-mail-client 4.5) drops bytes that arrive before it has set
 * its reply handler on a new connection: the greeting is lost, the client waits for it, the
 * server waits for EHLO, until GreenMail's 30 s socket timeout answers "421 Service shutting
 * down". That is how a send once held {@code POST /api/v1/dunning/runs} past the test client's
 * 30 s (docs/collections.md, "Letters and e-mail"). The service copes with such a send by its
 * {@code quarkus.mailer.timeout} (LettersTest proves it with {@link #silenceSmtp()}); the pause
 * keeps the letters of the other tests from meeting that race at random.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    static final long GREETING_PAUSE_MILLIS = 50;
    private static final String HOST = "127.0.0.1";

    private static volatile GreenMail server;
    private static volatile int port;
    private static volatile SilentServer silent;

    @Override
    public Map<String, String> start() {
        port = 0; // GreenMail binds a free port itself: no window for another process to take it
        startSmtp();
        port = server.getSmtp().getPort();
        return Map.of("quarkus.mailer.host", HOST, "quarkus.mailer.port", String.valueOf(port));
    }

    @Override
    public void stop() {
        stopSmtp();
    }

    public static GreenMail smtp() {
        return server;
    }

    /** Nothing listens on the port: a send is refused at once. */
    public static synchronized void stopSmtp() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (silent != null) {
            silent.close();
            silent = null;
        }
    }

    /** A server that accepts connections on the port and never says a word, not even its greeting. */
    public static synchronized void silenceSmtp() {
        stopSmtp();
        silent = new SilentServer(port);
    }

    public static synchronized void startSmtp() {
        if (silent != null) {
            silent.close();
            silent = null;
        }
        // the port was just given up (stopSmtp, silenceSmtp): the system may take a moment to free it
        for (int attempt = 1; server == null; attempt++) {
            GreenMail mail = new PausedGreetingGreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
            try {
                mail.start();
                server = mail;
            } catch (IllegalStateException e) {
                mail.stop();
                if (attempt >= 20) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class PausedGreetingGreenMail extends GreenMail {

        PausedGreetingGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(config, managers);
            services.computeIfPresent(ServerSetup.PROTOCOL_SMTP, (protocol, smtp) -> new SmtpServer(smtp.getServerSetup(), managers) {
                @Override
                protected ProtocolHandler createProtocolHandler(Socket client) {
                    return new SmtpHandler(new SmtpCommandRegistry(), managers.getSmtpManager(), client) {
                        @Override
                        protected void sendGreetings() {
                            try {
                                Thread.sleep(GREETING_PAUSE_MILLIS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            super.sendGreetings();
                        }
                    };
                }
            });
            return services;
        }
    }

    /** Accepts connections and holds them open without answering, until closed. */
    private static final class SilentServer {

        private final ServerSocket socket;
        private final Thread acceptor;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentServer(int port) {
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(HOST), port));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot listen on SMTP port " + port, e);
            }
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        accepted.add(socket.accept());
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "silent-smtp:" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        void close() {
            try {
                socket.close();
                acceptor.join(5000); // the port is free once the blocked accept has returned
                for (Socket client : accepted) {
                    client.close();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
