package io.insurebridge.console;

import io.insurebridge.mapping.MappingRepository;
import io.insurebridge.mapping.MappingStatus;
import io.insurebridge.mapping.ReloadResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The mapping version in force and a forced reload, for operators. */
@RestController
@RequestMapping("/api/mappings")
public class MappingController {
    private final MappingRepository repository;

    public MappingController(MappingRepository repository) {
        this.repository = repository;
    }

    @GetMapping
    public MappingStatus inForce() {
        return repository.status();
    }

    /** 200 with the (possibly unchanged) version in force, or 422 with file:line when the files are bad. */
    @PostMapping("/reload")
    public ResponseEntity<ReloadResult> reload() {
        ReloadResult result = repository.reload();
        return ResponseEntity.status(result.success() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                .body(result);
    }
}
