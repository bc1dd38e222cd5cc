# One image for every verticle; the role is an argument:
#   docker build -t ghcr.io/degenduel/degenduel-ws:0.1.0 .
#   docker run -e ROLE=gateway ghcr.io/degenduel/degenduel-ws:0.1.0 [--flag value ...]
# A per-role image is the same build with --build-arg ROLE=<role>. The Helm chart
# (helm/degenduel-ws) refers to this image and sets ROLE per Deployment.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The same build as ./degenduel-ws (every module copies its runtime classpath into target/lib);
# the chart's module only holds chart tests.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl '!helm' package

FROM eclipse-temurin:17-jre
ARG ROLE=up
ENV ROLE=${ROLE} \
    DD_DEV_TLS_DIR=/tmp/dev-tls \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
RUN groupadd --system --gid 10001 degenduel \
 && useradd --system --uid 10001 --gid degenduel --no-create-home --home-dir /app degenduel
WORKDIR /app
COPY --from=build /src/target/lib/ /app/lib/
COPY docker/entrypoint.sh docker/jvm.options /app/
USER 10001:10001
# 8443 public WebSocket (gateway), 9090 management, 5701 Hazelcast, 5710 event bus, 5801 the
# portfolio replicas' stream cluster,
# 8091/8092 internal ingestion (portfolio/contest), 8090 simulator exchange.
EXPOSE 8443 9090 5701 5710 5801 8091 8092 8090
ENTRYPOINT ["/app/entrypoint.sh"]
