package com.degenduel.realtime.simulator.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The simulated users: the demo wallet (SIM_DEMO_WALLET, the one `up` prints a token for) and
 * SIM_USERS generated ones. Wallets are random base58 strings of 44 characters, the shape of a
 * Solana address, so they pass the services' wallet validation; the same seed gives the same users.
 */
public final class Population {
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final int WALLET_LENGTH = 44;
  private static final List<String> MOODS =
      List.of("degen", "diamond", "paper", "moon", "based", "rekt", "alpha", "whale", "ape", "giga");
  private static final List<String> ANIMALS =
      List.of("ape", "bull", "bear", "frog", "doge", "shark", "otter", "wolf", "owl", "crab");

  private final SimulatedUser demo;
  private final List<SimulatedUser> generated;
  private final Map<String, SimulatedUser> byWallet = new LinkedHashMap<>();

  private Population(SimulatedUser demo, List<SimulatedUser> generated) {
    this.demo = demo;
    this.generated = List.copyOf(generated);
    byWallet.put(demo.wallet(), demo);
    generated.forEach(u -> byWallet.put(u.wallet(), u));
  }

  /** {@code count} users drawn from {@code random}, plus the demo user; 0 means the demo user alone, idle. */
  public static Population generate(int count, Random random, String demoWallet) {
    List<SimulatedUser> users = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String username = MOODS.get(random.nextInt(MOODS.size())) + "_" + ANIMALS.get(random.nextInt(ANIMALS.size()))
          + "_" + (i + 1);
      users.add(new SimulatedUser(randomWallet(random), username));
    }
    return new Population(new SimulatedUser(demoWallet, "demo"), users);
  }

  /** A random address of the right shape, e.g. for a wallet nobody else uses. */
  public static String randomWallet(Random random) {
    StringBuilder wallet = new StringBuilder(WALLET_LENGTH);
    for (int i = 0; i < WALLET_LENGTH; i++) {
      wallet.append(BASE58.charAt(random.nextInt(BASE58.length())));
    }
    return wallet.toString();
  }

  public SimulatedUser demo() {
    return demo;
  }

  /** Whether there are simulated users at all (SIM_USERS > 0). */
  public boolean active() {
    return !generated.isEmpty();
  }

  /** The demo user first, then the generated ones. */
  public List<SimulatedUser> all() {
    return List.copyOf(byWallet.values());
  }

  public List<SimulatedUser> generated() {
    return generated;
  }

  public SimulatedUser anyGenerated(Random random) {
    return generated.get(random.nextInt(generated.size()));
  }

  public Optional<SimulatedUser> find(String wallet) {
    return Optional.ofNullable(byWallet.get(wallet));
  }
}
