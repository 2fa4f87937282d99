# Incident service image: `docker build -t incident-service .` or `docker compose up --build`.
#
# Build stage: the official Maven image (JDK 17 + Maven 3.9), so the build needs neither the wrapper's
# download of Maven nor curl/unzip in the image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Local repository inside the build directory: never an image VOLUME, so what is downloaded here is
# kept in the layer and reused by the next build.
ENV MAVEN_REPO=/build/.m2/repository

# 1. Only the POMs: this layer, and the dependency download below, are rebuilt only when a POM
#    changes, not on every source edit. Packaging the source-less modules resolves every dependency
#    and plugin of the real build (repackage is skipped: there is no main class yet).
COPY pom.xml ./
COPY shared-api/pom.xml shared-api/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
COPY app/pom.xml app/
RUN mvn -B -q -Dmaven.repo.local=${MAVEN_REPO} -DskipTests -Dspring-boot.repackage.skip=true package \
    && rm -rf shared-api/target command-side/target query-side/target app/target

# 2. The sources, then the executable jar (tests run in CI, not in the image build).
COPY shared-api/src shared-api/src
COPY command-side/src command-side/src
COPY query-side/src query-side/src
COPY app/src app/src
RUN mvn -B -Dmaven.repo.local=${MAVEN_REPO} -DskipTests package

# Runtime stage: JRE only.
FROM eclipse-temurin:17-jre

# curl for HEALTHCHECK: the Ubuntu-based Temurin images have neither curl nor wget.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# A fixed non-root user; /app/data is writable for the embedded H2 mode (no SPRING_DATASOURCE_URL).
RUN groupadd --system --gid 10001 incidents \
    && useradd --system --uid 10001 --gid incidents --home-dir /app --no-create-home --shell /usr/sbin/nologin incidents \
    && mkdir -p /app/data \
    && chown -R incidents:incidents /app/data
WORKDIR /app
COPY --from=build /build/app/target/incident-service.jar /app/incident-service.jar
USER 10001:10001

EXPOSE 8080
# Start-up runs Flyway migrations and Axon's processors, so allow a minute before failures count.
# The port follows SERVER_PORT when that is set.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health" || exit 1

# Heap sized from the container's memory limit; exit (and let the orchestrator restart us) on OOM
# rather than limp on. Add more flags with JAVA_TOOL_OPTIONS. Exec form: java is PID 1 and gets
# SIGTERM directly, so server.shutdown=graceful finishes in-flight requests.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/incident-service.jar"]
