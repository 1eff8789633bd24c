package io.insurebridge.mapping;

/** ISO 7064 MOD 11-2 check digit of the 18-character resident ID number (GB 11643). */
public final class ResidentIdCheck {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentIdCheck() {}

    /** True when the 18 characters are 17 digits plus the matching check character (0-9 or X). */
    public static boolean valid(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return id.charAt(17) == CHECK_CHARS[sum % 11];
    }
}
