package com.degenduel.realtime.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Applies LOG_LEVEL and LOG_FORMAT to Logback. logback.xml reads them from the environment when
 * the first logger is created; flags arrive later, so the configuration is loaded again with the
 * resolved values, which then win over the environment.
 */
public final class LogSetup {
  private LogSetup() {}

  public static void apply(NodeConfig config) {
    Level level = Level.toLevel(config.get(Setting.LOG_LEVEL).trim(), null);
    if (level == null) {
      throw new IllegalArgumentException("DD_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
    }
    apply(LogFormat.parse(config.get(Setting.LOG_FORMAT)), level);
  }

  public static void apply(LogFormat format, Level level) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    URL xml = LogSetup.class.getClassLoader().getResource("logback.xml");
    if (xml == null) {
      throw new IllegalStateException("logback.xml is not on the classpath");
    }
    context.reset();
    context.putProperty(Setting.LOG_FORMAT.env(), format.appender());
    context.putProperty(Setting.LOG_LEVEL.env(), level.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(xml);
    } catch (JoranException e) {
      throw new IllegalStateException("logback.xml could not be applied", e);
    }
  }
}
