package io.creditcontrol.simulator;

import java.util.List;
import java.util.Random;

/** Countries, industries, company sizes and names the generator draws from. */
final class Catalogue {

    private Catalogue() {
    }

    record Country(String code, String currency, int weight, String legalForm, String registerPrefix, int usualTermsDays) {
    }

    /** Mostly the euro area; some UK, US and Chinese buyers. */
    static final List<Country> COUNTRIES = List.of(
            new Country("DE", "EUR", 22, "GmbH", "HRB ", 30),
            new Country("FR", "EUR", 12, "SAS", "RCS ", 60),
            new Country("IT", "EUR", 10, "S.r.l.", "REA ", 60),
            new Country("NL", "EUR", 8, "B.V.", "KvK ", 30),
            new Country("ES", "EUR", 8, "S.L.", "CIF B", 60),
            new Country("AT", "EUR", 5, "GmbH", "FN ", 30),
            new Country("BE", "EUR", 5, "NV", "BE0", 30),
            new Country("GB", "GBP", 10, "Ltd", "CRN ", 30),
            new Country("US", "USD", 12, "Inc.", "EIN ", 30),
            new Country("CN", "CNY", 8, "Co., Ltd.", "USCC 91", 90));

    record Industry(String naceCode, String activity, boolean seasonal) {
    }

    static final List<Industry> INDUSTRIES = List.of(
            new Industry("C10.8", "Foods", false),
            new Industry("C22.2", "Plastics", false),
            new Industry("C25.6", "Metalworks", false),
            new Industry("C28.4", "Machine Tools", false),
            new Industry("C29.3", "Automotive Parts", false),
            new Industry("C20.1", "Chemicals", false),
            new Industry("F41.2", "Construction", false),
            new Industry("F43.2", "Building Services", false),
            new Industry("G46.4", "Wholesale", false),
            new Industry("G46.7", "Trading", false),
            new Industry("H49.4", "Logistics", false),
            new Industry("J62.0", "Software", false),
            new Industry("M71.1", "Engineering", false),
            new Industry("N77.3", "Equipment Rental", false));

    /** Industries whose business follows the seasons: the seasonal payers come from here. */
    static final List<Industry> SEASONAL_INDUSTRIES = List.of(
            new Industry("A01.1", "Agri", true),
            new Industry("I55.1", "Hotels", true),
            new Industry("G47.7", "Garden Retail", true),
            new Industry("N79.1", "Travel", true),
            new Industry("C11.0", "Beverages", true));

    /** Company size, shown to the suite as the buyer's segment. */
    enum Size {
        MICRO(20, 1_500, 1, 400_000, 2_000_000),
        SME(45, 8_000, 2, 2_000_000, 40_000_000),
        MID_MARKET(25, 35_000, 3, 40_000_000, 250_000_000),
        LARGE(10, 120_000, 5, 250_000_000, 3_000_000_000L);

        final int weight;
        /** Typical invoice, in euros. */
        final int typicalInvoiceEur;
        final int invoicesPerMonth;
        final long minRevenueEur;
        final long maxRevenueEur;

        Size(int weight, int typicalInvoiceEur, int invoicesPerMonth, long minRevenueEur, long maxRevenueEur) {
            this.weight = weight;
            this.typicalInvoiceEur = typicalInvoiceEur;
            this.invoicesPerMonth = invoicesPerMonth;
            this.minRevenueEur = minRevenueEur;
            this.maxRevenueEur = maxRevenueEur;
        }
    }

    /** Rough price level of one euro in each invoicing currency. */
    static double eurTo(String currency) {
        return switch (currency) {
            case "USD" -> 1.08;
            case "GBP" -> 0.85;
            case "CNY" -> 7.8;
            default -> 1.0;
        };
    }

    private static final List<String> NAME_STARTS = List.of(
            "Nord", "Sued", "West", "Ost", "Alpen", "Rhein", "Elb", "Hansa", "Atlas", "Orion", "Vega", "Polar", "Silver",
            "Blue", "Green", "Red", "Iron", "Stone", "Oak", "Pine", "Lake", "River", "Harbor", "Summit", "Delta", "Nova",
            "Terra", "Aqua", "Sol", "Luna", "Golden", "Bright", "Pacific", "Eastern", "Grand", "Royal", "Star", "Sky");
    private static final List<String> NAME_ENDS = List.of(
            "hafen", "feld", "berg", "tal", "wood", "field", "gate", "bridge", "port", "line", "mark", "stone", "ridge",
            "way", "point", "crest", "vale", "haven", "brook", "light");

    static String companyName(Random random, Country country, Industry industry) {
        String stem = pick(random, NAME_STARTS) + pick(random, NAME_ENDS);
        return stem + " " + industry.activity() + " " + country.legalForm();
    }

    static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static Country weightedCountry(Random random) {
        int total = COUNTRIES.stream().mapToInt(Country::weight).sum();
        int roll = random.nextInt(total);
        for (Country c : COUNTRIES) {
            roll -= c.weight();
            if (roll < 0) {
                return c;
            }
        }
        throw new IllegalStateException();
    }

    static Size weightedSize(Random random) {
        int total = 0;
        for (Size s : Size.values()) {
            total += s.weight;
        }
        int roll = random.nextInt(total);
        for (Size s : Size.values()) {
            roll -= s.weight;
            if (roll < 0) {
                return s;
            }
        }
        throw new IllegalStateException();
    }
}
