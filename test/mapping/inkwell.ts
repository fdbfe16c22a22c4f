/**
 * InkWell (seeds 000/001) as the docs and IaC engineers' graphs will give it: the final
 * logical and physical views, and Terraform with an app EC2 instance running the containers.
 */
import type { Element, Graph } from "../../src/model/graph.js";
import { at, DOC, doc, evidence, graph, plumbing, relation, resource } from "../rules/builders.js";

export function inkwellDocs(): Graph {
  const logical = { view: "logical" as const };
  const elements: Element[] = [
    doc("writer", "person", "Writer", 7, logical),
    doc("c1", "boundary", "InkWell System", 9, { ...logical, boundary: true }),
    doc("gateway", "gateway", "API Gateway", 10, { ...logical, parent: "c1", technology: "Amazon API Gateway" }),
    doc("c2", "boundary", "Application Services", 12, { ...logical, boundary: true, parent: "c1" }),
    doc("userService", "container", "User Service", 13, { ...logical, parent: "c2", technology: "Container: Go" }),
    doc("postService", "container", "Post Service", 14, {
      ...logical,
      parent: "c2",
      technology: "Container: Ruby on Rails",
    }),
    doc("workerService", "container", "Worker Service", 15, {
      ...logical,
      parent: "c2",
      technology: "Container: Python",
    }),
    doc("queue", "cache", "Job Queue", 18, {
      ...logical,
      parent: "c1",
      technology: "Amazon ElastiCache for Redis",
      attributes: { roles: ["cache", "queue"], engine: "redis" },
    }),
    doc("db", "database", "PostgreSQL Database", 19, {
      ...logical,
      parent: "c1",
      technology: "Amazon RDS",
      attributes: { engine: "postgres" },
    }),
    // Physical view.
    doc("Internet", "boundary", "Internet", 42, { boundary: true }),
    doc("User", "person", "Writer's Browser", 43, { parent: "Internet" }),
    doc("AWS Cloud", "network", "AWS Cloud", 46, { boundary: true }),
    doc("VPC", "network", "VPC", 47, { boundary: true, parent: "AWS Cloud" }),
    doc("app_host", "compute", "EC2 Instance (Private Subnet)", 48, {
      boundary: true,
      parent: "VPC",
      attributes: { subnetTier: "private" },
      evidence: { subnetTier: evidence(DOC, 48, 13, 'documented in "EC2 Instance (Private Subnet)"') },
    }),
    doc("Docker", "boundary", "Docker", 49, { boundary: true, parent: "app_host" }),
    ...["post", "user", "worker"].map((name, i) =>
      doc(`${name}_container`, "container", `${name[0]!.toUpperCase()}${name.slice(1)} Service Container`, 51 + i, {
        parent: "Docker",
        attributes: {
          subnetTier: "private",
        },
        evidence: { subnetTier: evidence(DOC, 48, 13, 'documented in "EC2 Instance (Private Subnet)"') },
      }),
    ),
    doc("rds", "boundary", "Amazon RDS", 57, { boundary: true, parent: "VPC" }),
    doc("db_primary", "database", "RDS Primary Instance (PostgreSQL)", 59, {
      parent: "rds",
      attributes: { engine: "postgres", replicas: ["db_replica"] },
    }),
    doc("db_replica", "database", "RDS Read Replica (PostgreSQL)", 60, {
      parent: "rds",
      attributes: { engine: "postgres", replicaOf: "db_primary" },
      evidence: { replicaOf: evidence(DOC, 61, 17, 'edge "Replication" from db_primary') },
    }),
    doc("elasticache", "boundary", "Amazon ElastiCache", 64, { boundary: true, parent: "VPC" }),
    doc("redis", "cache", "Redis Cluster", 65, { parent: "elasticache" }),
    doc("Gateway", "gateway", "Amazon API Gateway", 68, { parent: "VPC" }),
    doc("AWSServices", "boundary", "Other AWS Services", 70, { parent: "VPC", attributes: { placeholder: true } }),
  ];
  const relations = [
    relation("writer", "gateway", at(DOC, 22, 5), { view: "logical", label: "Uses" }),
    relation("gateway", "userService", at(DOC, 24, 5), { view: "logical", kind: "routes" }),
    relation("gateway", "postService", at(DOC, 25, 5), { view: "logical", kind: "routes" }),
    relation("postService", "userService", at(DOC, 27, 5), { view: "logical" }),
    relation("postService", "queue", at(DOC, 29, 5), { view: "logical" }),
    relation("workerService", "queue", at(DOC, 30, 5), { view: "logical" }),
    relation("workerService", "db", at(DOC, 32, 5), { view: "logical" }),
    relation("userService", "db", at(DOC, 33, 5), { view: "logical" }),
    relation("postService", "db", at(DOC, 34, 5), { view: "logical" }),
    relation("db_primary", "db_replica", at(DOC, 61, 17), { label: "Replication", kind: "replicates" }),
    relation("User", "Gateway", at(DOC, 74, 5), { label: "HTTPS" }),
    relation("Gateway", "post_container", at(DOC, 75, 5), { label: "/posts/*", kind: "routes" }),
    relation("Gateway", "user_container", at(DOC, 76, 5), { label: "/users/*", kind: "routes" }),
    relation("post_container", "user_container", at(DOC, 78, 5), { label: "API Call" }),
    relation("post_container", "redis", at(DOC, 79, 5), { label: "ENQUEUE" }),
    relation("worker_container", "redis", at(DOC, 80, 5), { label: "DEQUEUE" }),
    relation("worker_container", "db_primary", at(DOC, 82, 5), { label: "SQL Update" }),
    relation("user_container", "db_primary", at(DOC, 83, 5), { label: "SQL" }),
    relation("post_container", "db_primary", at(DOC, 84, 5), { label: "SQL" }),
  ];
  return graph(elements, relations);
}

export function inkwellTerraform(): Graph {
  const elements: Element[] = [
    resource("aws_instance.app", "aws_instance", "compute", 10, {
      technology: "Amazon EC2",
      attributes: { tags: { Name: "inkwell-app" }, subnetTier: "private", public: false },
    }),
    resource("aws_db_instance.primary", "aws_db_instance", "database", 30, {
      technology: "Amazon RDS for PostgreSQL",
      attributes: { engine: "postgres", replicas: ["aws_db_instance.replica"], multiAz: true },
    }),
    resource("aws_db_instance.replica", "aws_db_instance", "database", 50, {
      technology: "Amazon RDS for PostgreSQL",
      attributes: { engine: "postgres", replicaOf: "aws_db_instance.primary" },
    }),
    resource("aws_elasticache_replication_group.redis", "aws_elasticache_replication_group", "cache", 70, {
      technology: "Amazon ElastiCache for Redis",
      attributes: { engine: "redis" },
    }),
    resource("aws_api_gateway_rest_api.main", "aws_api_gateway_rest_api", "gateway", 90, {
      technology: "Amazon API Gateway",
      attributes: { tags: { Name: "inkwell-api" } },
    }),
    plumbing("aws_security_group.app", "aws_security_group", "network", 110),
    plumbing("aws_security_group.db", "aws_security_group", "network", 120),
    plumbing("aws_iam_role.app", "aws_iam_role", "identity", 130),
  ];
  const relations = [
    relation("aws_instance.app", "aws_db_instance.primary", at(TF_FILE, 125, 3), {
      kind: "network",
      via: "aws_security_group_rule.db_from_app",
    }),
    relation("aws_instance.app", "aws_elasticache_replication_group.redis", at(TF_FILE, 140, 3), { kind: "network" }),
    relation("aws_api_gateway_rest_api.main", "aws_instance.app", at(TF_FILE, 95, 3), { kind: "routes" }),
    relation("aws_db_instance.replica", "aws_db_instance.primary", at(TF_FILE, 52, 3), { kind: "replicates" }),
  ];
  return graph(elements, relations);
}

const TF_FILE = "infra/main.tf";
