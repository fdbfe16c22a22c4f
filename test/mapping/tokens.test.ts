import { describe, expect, it } from "vitest";
import { parseAddress, tokenize } from "../../src/mapping/tokens.js";

describe("tokenize", () => {
  it("splits labels, ids and addresses into the same singular, folded words", () => {
    expect(tokenize("User Service")).toEqual(["user", "service"]);
    expect(tokenize("users")).toEqual(["user"]);
    expect(tokenize("PostsService")).toEqual(["post", "service"]);
    expect(tokenize("post_container")).toEqual(["post", "container"]);
    expect(tokenize("RDS Read Replica<br>(PostgreSQL)")).toEqual(["rds", "read", "replica", "postgres"]);
    expect(tokenize("Amazon ElastiCache for Redis")).toEqual(["elasticache", "redis"]);
    expect(tokenize("Application Load Balancer")).toEqual(["application", "lb"]);
    expect(tokenize("APIGateway")).toEqual(["api", "gateway"]);
  });

  it("keeps acronyms that end in s and folds synonyms", () => {
    expect(tokenize("ECS Tasks")).toEqual(["ecs", "task"]);
    expect(tokenize("SNS SQS RDS")).toEqual(["sns", "sqs", "rds"]);
    expect(tokenize("Database")).toEqual(["db"]);
    expect(tokenize("API GW")).toEqual(["api", "gateway"]);
    expect(tokenize("AWS CodePipeline")).toEqual(["codepipeline", "pipeline"]);
    expect(tokenize(undefined)).toEqual([]);
  });
});

describe("parseAddress", () => {
  it("reads module path, type, name and instance key of Terraform addresses", () => {
    expect(parseAddress("aws_ecs_service.users")).toEqual({ modules: [], type: "aws_ecs_service", name: "users" });
    expect(parseAddress('module.db.module.inner["a"].aws_db_instance.this["eu.west"]')).toEqual({
      modules: ["db", "inner"],
      type: "aws_db_instance",
      name: "this",
      key: "eu.west",
    });
    expect(parseAddress("aws_subnet.private[0]")).toEqual({
      modules: [],
      type: "aws_subnet",
      name: "private",
      key: "0",
    });
  });

  it("reads CloudFormation logical ids (optionally with their template) and ARNs as names", () => {
    expect(parseAddress("AppDatabase")).toEqual({ modules: [], name: "AppDatabase" });
    expect(parseAddress("cfn/app.yaml#AppDatabase")).toEqual({ modules: [], name: "AppDatabase" });
    expect(parseAddress("arn:aws:rds:us-east-1:123456789012:db:inkwell-primary")).toEqual({
      modules: [],
      name: "inkwell-primary",
    });
  });
});
