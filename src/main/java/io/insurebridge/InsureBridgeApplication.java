package io.insurebridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InsureBridgeApplication {
    public static void main(String[] args) {
        SpringApplication.run(InsureBridgeApplication.class, args);
    }
}
