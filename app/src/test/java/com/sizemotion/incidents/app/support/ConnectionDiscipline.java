package com.sizemotion.incidents.app.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Wraps the service's {@link DataSource} and records every time a thread asks it for a connection
 * while that thread still holds one: the pattern that deadlocks a pool under load (every connection
 * held by a thread waiting for a second one). Spring's and Axon's transactions reuse the connection
 * bound to the thread, so only a genuinely second connection counts.
 */
public final class ConnectionDiscipline implements BeanPostProcessor {

    private final ThreadLocal<AtomicInteger> held = ThreadLocal.withInitial(AtomicInteger::new);
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile boolean watching;

    /** From now on (start-up, where Flyway legitimately uses two, is over), record violations. */
    public void watch() {
        violations.clear();
        watching = true;
    }

    /** Where a thread asked for a second connection, with its stack. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof Watched) ? new Watched(dataSource) : bean;
    }

    private final class Watched extends DelegatingDataSource {

        Watched(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            AtomicInteger count = held.get();
            if (watching && count.get() > 0) {
                violations.add(Thread.currentThread().getName() + " holds " + count.get() + " and asks for another at\n  "
                        + Arrays.stream(Thread.currentThread().getStackTrace()).skip(2).limit(60)
                        .map(StackTraceElement::toString).collect(Collectors.joining("\n  ")));
            }
            Connection connection = super.getConnection();
            count.incrementAndGet();
            return released(connection, count);
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new UnsupportedOperationException("the service asks its pool for connections without credentials");
        }
    }

    /** The connection, counting itself off its thread's holdings when it is closed (once). */
    private static Connection released(Connection connection, AtomicInteger count) {
        AtomicBoolean open = new AtomicBoolean(true);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && open.compareAndSet(true, false)) {
                        count.decrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
