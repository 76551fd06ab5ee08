import { describe, expect, it } from "vitest";
import { formatNumber, linearScale, niceDomain, niceTicks, tickStep } from "./scale.js";

describe("linearScale", () => {
  it("maps the domain onto the range and back, inverted ranges included", () => {
    const y = linearScale([-80, 20], [300, 100]);
    expect(y(-80)).toBe(300);
    expect(y(20)).toBe(100);
    expect(y(-30)).toBe(200);
    expect(y.invert(150)).toBe(-5);
  });
  it("maps a point domain to the middle of the range", () => {
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });
});

describe("tickStep and niceTicks", () => {
  it("pick 1, 2 or 5 times a power of ten", () => {
    expect(tickStep(0, 1000, 5)).toBe(200);
    expect(tickStep(-80, 20, 5)).toBe(20);
    expect(tickStep(0, 1, 5)).toBe(0.2);
    // 761 / 3 = 254: between 2 and 5 (x100), nearer 2 on a log scale.
    expect(tickStep(-245, 516, 3)).toBe(200);
    // 35 / 5 = 7: at and above sqrt(50) = 7.07 it would be 10; 7 still rounds to 5.
    expect(tickStep(0, 35, 5)).toBe(5);
    expect(tickStep(3, 3, 5)).toBe(0);
  });
  it("list the multiples inside the domain, printed exactly", () => {
    expect(niceTicks(0, 1000, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(-245, 516, 3)).toEqual([-200, 0, 200, 400]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(7, 7)).toEqual([7]);
  });
  it("niceDomain widens to whole steps", () => {
    expect(niceDomain(-210, 481, 4)).toEqual([-400, 600]);
    expect(niceDomain(0, 1000, 5)).toEqual([0, 1000]);
  });
});

describe("formatNumber", () => {
  it("uses a true minus sign and never prints -0", () => {
    expect(formatNumber(-60)).toBe("\u221260");
    expect(formatNumber(-0.04, 1)).toBe("0.0");
    expect(formatNumber(0.25, 2)).toBe("0.25");
  });
});
