package com.sizemotion.incidents.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder between the service and PostgreSQL that a test can cut and restore: as the
 * service sees it, exactly a database that goes away ({@code pg_ctl stop -m immediate}: every open
 * connection is reset, new ones are refused) and comes back on the same address. The shared server
 * behind it is never touched.
 */
public final class DatabaseProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "database-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private ServerSocket listener;

    private DatabaseProxy(InetSocketAddress target) {
        this.target = target;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    static DatabaseProxy to(String host, int port) {
        return new DatabaseProxy(new InetSocketAddress(host, port));
    }

    public int port() {
        return port;
    }

    /** The database goes away: open connections are reset, new ones refused. */
    public synchronized void cut() {
        closeQuietly(listener);
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // closed already
            }
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** The database is back, on the same port. */
    public synchronized void restore() {
        if (listener.isClosed()) {
            listener = listen(port);
            accept(listener);
        }
    }

    @Override
    public void close() {
        cut();
        threads.shutdownNow();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket server) {
        threads.execute(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    continue; // closed by cut()
                }
                forward(server, client);
            }
        });
    }

    private void forward(ServerSocket server, Socket client) {
        Socket database = new Socket();
        try {
            database.connect(target);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        synchronized (this) {
            if (server.isClosed()) {
                closeQuietly(client);
                closeQuietly(database);
                return;
            }
            sockets.add(client);
            sockets.add(database);
        }
        threads.execute(() -> pump(client, database));
        threads.execute(() -> pump(database, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // one side went away: so does the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to do
        }
    }
}
