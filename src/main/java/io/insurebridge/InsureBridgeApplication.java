package io.insurebridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InsureBridgeApplication {
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("cli")) {   // the command-line tool: no application start
            io.insurebridge.cli.Cli.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("broker")) {   // a broker of the broker tier: nothing else starts
            io.insurebridge.config.BrokerTierServer.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(InsureBridgeApplication.class, args);
    }
}
