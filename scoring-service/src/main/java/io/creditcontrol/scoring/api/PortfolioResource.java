package io.creditcontrol.scoring.api;

import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The portfolio by grade: which buyers stand where, riskiest first, paged and filterable. */
@Path("/api/v1/portfolio")
@Tag(name = "Credit score")
@Produces(MediaType.APPLICATION_JSON)
public class PortfolioResource {

    public static final int MAX_PAGE_SIZE = 200;

    private final EntityManager em;

    PortfolioResource(EntityManager em) {
        this.em = em;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "Scored buyers by grade, riskiest first",
            description = "Filters combine: grade (exact) or minGrade/maxGrade, dataQuality, country. gradeCounts counts the "
                    + "buyers per grade for all filters except the grade ones, so the distribution of the selection is visible "
                    + "next to the page. Pages start at 0; at most " + MAX_PAGE_SIZE + " buyers per page.")
    @APIResponse(responseCode = "200", description = "One page of buyers")
    @APIResponse(responseCode = "400", description = "A filter or paging parameter out of range, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PortfolioPage portfolio(
            @QueryParam("grade") @Min(1) @Max(10) Integer grade,
            @QueryParam("minGrade") @Min(1) @Max(10) Integer minGrade,
            @QueryParam("maxGrade") @Min(1) @Max(10) Integer maxGrade,
            @QueryParam("dataQuality") @Pattern(regexp = "FULL|PARTIAL|INSUFFICIENT") String dataQuality,
            @QueryParam("country") @Pattern(regexp = "[A-Z]{2}") String country,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        List<String> common = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (dataQuality != null) {
            common.add("s.data_quality = :dataQuality");
            params.put("dataQuality", dataQuality);
        }
        if (country != null) {
            common.add("p.country = :country");
            params.put("country", country);
        }
        List<String> all = new ArrayList<>(common);
        if (grade != null) {
            all.add("s.grade = :grade");
            params.put("grade", grade);
        }
        if (minGrade != null) {
            all.add("s.grade >= :minGrade");
            params.put("minGrade", minGrade);
        }
        if (maxGrade != null) {
            all.add("s.grade <= :maxGrade");
            params.put("maxGrade", maxGrade);
        }
        String from = " FROM buyer_score s LEFT JOIN buyer_profile p ON p.buyer_id = s.buyer_id";

        Query rows = em.createNativeQuery("SELECT s.buyer_id, p.name, p.country, s.grade, s.probability_of_default, s.data_quality,"
                + " s.model_version, s.assessed_at" + from + where(all)
                + " ORDER BY s.grade DESC, s.probability_of_default DESC, s.buyer_id")
                .setFirstResult(page * size).setMaxResults(size);
        Query count = em.createNativeQuery("SELECT COUNT(*)" + from + where(all));
        Query byGrade = em.createNativeQuery("SELECT s.grade, COUNT(*)" + from + where(common) + " GROUP BY s.grade ORDER BY s.grade");
        params.forEach((name, value) -> {
            rows.setParameter(name, value);
            count.setParameter(name, value);
            if (!name.toLowerCase().contains("grade")) {
                byGrade.setParameter(name, value);
            }
        });
        List<PortfolioBuyer> buyers = new ArrayList<>();
        for (Object row : rows.getResultList()) {
            Object[] r = (Object[]) row;
            buyers.add(new PortfolioBuyer((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                    new BigDecimal(r[4].toString()).stripTrailingZeros(), (String) r[5], (String) r[6], instant(r[7])));
        }
        Map<Integer, Long> counts = new LinkedHashMap<>();
        for (Object row : byGrade.getResultList()) {
            Object[] r = (Object[]) row;
            counts.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
        }
        long total = ((Number) count.getSingleResult()).longValue();
        return new PortfolioPage(page, size, total, counts, buyers);
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }

    public record PortfolioPage(
            @Schema(description = "Page number, from 0") int page,
            int size,
            @Schema(description = "Buyers matching all filters") long total,
            @Schema(description = "Buyers per grade matching the filters other than grade, minGrade and maxGrade") Map<Integer, Long> gradeCounts,
            List<PortfolioBuyer> buyers) {
    }

    public record PortfolioBuyer(String buyerId, @Schema(description = "null until the master data arrives") String name,
            String country, int grade, BigDecimal probabilityOfDefault, String dataQuality, String modelVersion, Instant assessedAt) {
    }
}
